import type { EmulatorState } from '../emulator-state';
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
}

export type MethodResult =
  { ok: true; result: unknown; applied: boolean } | { ok: false; error: RestErrorCode };

export type MethodHandler = (call: MethodCall) => MethodResult;

export function failure(error: RestErrorCode): MethodResult {
  return { ok: false, error };
}
