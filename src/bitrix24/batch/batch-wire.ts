import type { AttemptOutcome } from '../attempt-outcome';
import type { Bitrix24Success, Bitrix24Time } from '../envelope';

/** Bitrix24 runs at most this many commands of one `batch` request; each one past it fails. */
export const MAX_BATCH_COMMANDS = 50;

export const BATCH_METHOD = 'batch';

export interface WireCommand {
  readonly method: string;
  readonly params: object;
}

/** What one command of a batch answered; `time` is its own `result_time` entry. */
export type CommandAnswer = AttemptOutcome & { readonly time?: Bitrix24Time };

// Keys that are not bare digits: PHP's json_encode turns a section keyed exactly 0..n-1 into a list.
const keyOf = (index: number) => `c${index}`;

/**
 * The body of one batch request. `halt` is 0, since one like's refusal must not stop the others (and 0, not
 * false: Bitrix24 reads it with PHP's (bool) cast). Each command is `method?query`, the query as PHP's
 * http_build_query writes scalar values (form encoding, spaces as +), which Bitrix24 reads with parse_str.
 */
export function batchBody(commands: readonly WireCommand[]): { halt: 0; cmd: Record<string, string> } {
  const cmd: Record<string, string> = {};
  commands.forEach(({ method, params }, index) => {
    const query = new URLSearchParams(Object.entries(params).map(([name, value]) => [name, String(value)]));
    cmd[keyOf(index)] = `${method}?${query}`;
  });
  return { halt: 0, cmd };
}

/**
 * One answer per command, in order, or undefined when the answer is not a batch envelope. A key in `result` was
 * applied, a key in `result_error` failed with its code (and no HTTP status), a key in neither was not run. A
 * section may arrive as `[]` (PHP's empty map). "Not run" lets even a toggle be sent again, so it is said only
 * when both sections could be read; anything unreadable about a command is a bad response for it.
 */
export function settleBatch(success: Bitrix24Success, count: number): CommandAnswer[] | undefined {
  const sections = success.result;
  if (!isRecord(sections) || !readable(sections.result) || !readable(sections.result_error)) return undefined;
  return Array.from({ length: count }, (_, index) => {
    const key = keyOf(index);
    const time = entry(sections.result_time, key);
    const withTime = isRecord(time) ? { time: time as Bitrix24Time } : {};
    const result = entry(sections.result, key);
    if (result !== undefined) return { ok: true, success: { result, ...withTime }, ...withTime };
    const error = entry(sections.result_error, key);
    if (error === undefined) return { ok: false, failure: { kind: 'not-run' } };
    if (!isRecord(error) || typeof error.error !== 'string') return { ok: false, failure: UNREADABLE_ERROR };
    const description = typeof error.error_description === 'string' ? error.error_description : '';
    return { ok: false, failure: { kind: 'error-response', code: error.error, description }, ...withTime };
  });
}

const UNREADABLE_ERROR = { kind: 'bad-response', status: 200, reason: 'unreadable command error' } as const;

// A map, or `[]` for an empty one; our keys are never the indices of a non-empty list.
const readable = (section: unknown) => isRecord(section) || (Array.isArray(section) && section.length === 0);

function entry(section: unknown, key: string): unknown {
  return isRecord(section) && Object.hasOwn(section, key) ? section[key] : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
