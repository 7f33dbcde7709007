import type { CommandLogEntry } from '../call-log';
import { errorEnvelope } from '../envelopes';
import { parsePhpForm } from '../php-form';
import type { PhpEntries } from '../php-values';
import { phpArrayToJson, phpBool } from '../php-values';
import type { Params } from '../request-params';
import { toLoggable, upperCaseKeys } from '../request-params';
import { AUTH_PARAMS } from '../rest-auth';
import type { CommandOutcome, MethodCall, MethodResult } from './method-types';
import { failure } from './method-types';

/** CRestUtil::BATCH_MAX_LENGTH: every command past it is refused, one by one. */
const MAX_COMMANDS = 50;
/** Methods a batch refuses to run as one of its commands. */
const NOT_IN_BATCH: ReadonlySet<string> = new Set(['batch', 'download', 'upload']);

const SECTIONS = ['result', 'result_error', 'result_total', 'result_next', 'result_time'] as const;
type Sections = Record<(typeof SECTIONS)[number], Array<[string, unknown]>>;

/**
 * `batch` as CRestProvider::methodsBatch runs it: commands in `cmd` order, each `method?query` parsed
 * like parse_str and run as the batch's own caller; with `halt` (a PHP bool) the first error stops the
 * rest, which then appear in no section. The answer is 200 whatever the commands did.
 */
export function batch(call: MethodCall): MethodResult {
  const halt = phpBool(call.params.HALT);
  const sections: Sections = {
    result: [],
    result_error: [],
    result_total: [],
    result_next: [],
    result_time: [],
  };
  const commands: CommandLogEntry[] = [];
  for (const [index, [key, command]] of commandEntries(call.params.CMD).entries()) {
    const outcome =
      index < MAX_COMMANDS
        ? runCommand(call, key, command, commands)
        : failure('ERROR_BATCH_LENGTH_EXCEEDED');
    if (!outcome) continue;
    record(sections, key, outcome);
    if (halt && !outcome.ok) break;
  }
  const result = Object.fromEntries(SECTIONS.map((name) => [name, phpArrayToJson(sections[name])]));
  return { ok: true, result, applied: commands.some((command) => command.applied), commands };
}

/** `cmd` may be a list or a map; PHP's foreach over anything else runs nothing. */
function commandEntries(cmd: unknown): PhpEntries {
  return typeof cmd === 'object' && cmd !== null ? Object.entries(cmd) : [];
}

function runCommand(
  call: MethodCall,
  key: string,
  command: unknown,
  log: CommandLogEntry[],
): CommandOutcome | undefined {
  // Skipped without a word, though it still counts toward the 50.
  if (typeof command !== 'string') return undefined;
  const { method, params } = parseCommand(command);
  if (NOT_IN_BATCH.has(method)) return failure('ERROR_BATCH_METHOD_NOT_ALLOWED');
  const outcome = call.run(method, params);
  const error = outcome.ok ? null : outcome.error;
  const applied = outcome.ok && outcome.applied;
  log.push({ key, method, userId: call.userId, params: toLoggable(params, AUTH_PARAMS), error, applied });
  return outcome;
}

/**
 * Splits `method?query` as PHP's parse_url splits a relative reference (a fragment is dropped) and reads
 * the query with parse_str. The batch's credentials replace any the command carries: they are dropped
 * here, and the command runs as the batch's caller.
 */
function parseCommand(command: string): { method: string; params: Params } {
  const [reference = ''] = command.split('#', 1);
  const mark = reference.indexOf('?');
  const path = mark === -1 ? reference : reference.slice(0, mark);
  const params = upperCaseKeys(parsePhpForm(mark === -1 ? '' : reference.slice(mark + 1)));
  for (const name of AUTH_PARAMS) delete params[name];
  return { method: path.toLowerCase(), params };
}

function record(sections: Sections, key: string, outcome: CommandOutcome): void {
  if (!outcome.ok) {
    // A failed command reports its code alone: Bitrix24 gives it no time block and no HTTP status.
    sections.result_error.push([key, errorEnvelope(outcome.error)]);
    return;
  }
  sections.result.push([key, outcome.result]);
  sections.result_time.push([key, outcome.time]);
}
