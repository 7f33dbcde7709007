import type { CommandFailed, CommandOutcome } from '../../src/bitrix24/command-outcome';

/** Awaits a command expected to fail, and returns its failure. */
export async function failedOf(pending: Promise<CommandOutcome>): Promise<CommandFailed> {
  const outcome = await pending;
  expect(outcome.ok).toBe(false);
  return outcome as CommandFailed;
}

/** What a like Bitrix24 applied answers. */
export const LIKE_APPLIED = { ok: true, result: true };
