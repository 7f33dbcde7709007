import type { Bitrix24Failure } from './failure';
import type { Bitrix24Success } from './envelope';

/** What one attempt at a call produced. Failures are values, so policies can judge them without exceptions. */
export type AttemptOutcome = { ok: true; success: Bitrix24Success } | { ok: false; failure: Bitrix24Failure };
