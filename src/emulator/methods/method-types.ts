import type { CommandLogEntry } from '../call-log';
import type { EmulatorState } from '../emulator-state';
import type { TimeBlock } from '../envelopes';
import type { Params } from '../request-params';
import type { RestErrorCode } from '../rest-errors';

/** Behaviour switches a test can flip at run time through PUT /_emulator/options. */
export interface MethodOptions {
  /** Answer PARAMS_ERROR instead of MESSAGE_ID_ERROR, as older im module builds do. */
  legacyParamsError: boolean;
}

/** One authenticated call as a method handler sees it. */
export interface MethodCall {
  userId: number;
  params: Params;
  state: EmulatorState;
  options: MethodOptions;
  /** Runs another method as the same caller, as batch does with each of its commands. */
  run(method: string, params: Params): CommandOutcome;
}

export type MethodResult =
  | { ok: true; result: unknown; applied: boolean; commands?: CommandLogEntry[] }
  | { ok: false; error: RestErrorCode };

/** A method's answer as the portal sends it: a successful result carries its own time block. */
export type CommandOutcome =
  | { ok: true; result: unknown; applied: boolean; time: TimeBlock; commands?: CommandLogEntry[] }
  | { ok: false; error: RestErrorCode };

export type MethodHandler = (call: MethodCall) => MethodResult;

export function failure(error: RestErrorCode): { ok: false; error: RestErrorCode } {
  return { ok: false, error };
}
