import type { EmulatorPortal } from './emulator-portal';
import { timeBlock } from './envelopes';
import type { CommandOutcome } from './methods/method-types';
import { failure } from './methods/method-types';
import type { Params } from './request-params';

/** Who runs a method: the user, and the client (app or webhook) whose operating time it counts toward. */
export interface Caller {
  userId: number;
  client: string;
}

/** Bitrix24 does not count the outer batch: each of its commands counts toward its own method. */
const UNCOUNTED_METHODS: ReadonlySet<string> = new Set(['batch']);

/**
 * One method call as the portal runs it, alone or as a batch command: look-up, operating-time limit,
 * handler, accounting. `startedAt` (unix seconds) opens the call's time block.
 */
export function runMethod(
  portal: EmulatorPortal,
  caller: Caller,
  method: string,
  params: Params,
  startedAt: number,
): CommandOutcome {
  const handler = portal.registry.get(method);
  if (!handler) return failure('ERROR_METHOD_NOT_FOUND');
  const counted = !UNCOUNTED_METHODS.has(method);
  if (counted && portal.operating.isBlocked(caller.client, method)) return failure('OPERATION_TIME_LIMIT');
  const processingStart = portal.nowSec();
  const run = (inner: string, innerParams: Params) =>
    runMethod(portal, caller, inner, innerParams, portal.nowSec());
  const { state, options } = portal;
  const result = handler({ userId: caller.userId, params, state, options, run });
  if (!result.ok) return result;
  // Like Bitrix24, only calls that complete are counted: a refusal throws before the time is recorded.
  if (counted) portal.operating.charge(caller.client, method);
  const operating = counted ? portal.operating.status(caller.client, method) : undefined;
  return { ...result, time: timeBlock(startedAt, processingStart, portal.nowSec(), operating) };
}
