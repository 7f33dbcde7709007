import { Bitrix24CallError } from '../../src/bitrix24/bitrix24-call-error';

/** Awaits a call expected to fail, and returns the Bitrix24CallError it failed with. */
export async function callErrorOf(promise: Promise<unknown>): Promise<Bitrix24CallError> {
  const thrown = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(thrown).toBeInstanceOf(Bitrix24CallError);
  return thrown as Bitrix24CallError;
}
