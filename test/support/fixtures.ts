import envelopes from '../fixtures/bitrix24-envelopes.json';

export interface FixtureError {
  readonly error: string;
  readonly status: number;
  readonly error_description: string;
}

/** Every Bitrix24 error envelope the project knows of, with its documented HTTP status. */
export const FIXTURE_ERRORS: readonly FixtureError[] = envelopes.errors;

export const LIKE_SUCCESS_BODY = envelopes.success['im.message.like'].body;

export function fixtureError(code: string): FixtureError {
  const found = FIXTURE_ERRORS.find((entry) => entry.error === code);
  if (!found) throw new Error(`no fixture for ${code}`);
  return found;
}
