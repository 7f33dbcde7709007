import type { Admission } from '../circuit-breakers';
import type { AttemptSender } from '../attempt-sender';
import { judge } from '../attempt-sender';
import type { Call, Judged } from '../call';

/** A call waiting in a lane, with how to answer its caller. */
export interface Waiting {
  readonly call: Call;
  readonly answer: (judged: Judged) => void;
}

const RESPONSE_TIMEOUT = judge({ ok: false, failure: { kind: 'timeout', phase: 'response' } });

/**
 * Sends a group that holds a slot and an admission: one call goes as a plain call, several as one batch. The
 * request runs until the latest deadline among its commands; each command whose own attempt deadline passes
 * first answers by itself (an idempotent one may then be retried), and the request is never cut short for the
 * others, which would make every toggle in it ambiguous.
 */
export async function depart(
  sender: AttemptSender,
  group: readonly Waiting[],
  admission: Admission,
): Promise<void> {
  if (group.length === 1) {
    const [only] = group as [Waiting];
    only.answer(await sender.sendOne(only.call, admission));
    return;
  }
  const answered = group.map(() => false);
  const once = (index: number, judged: Judged) => {
    if (answered[index]) return;
    answered[index] = true;
    (group[index] as Waiting).answer(judged);
  };
  const timers = group.map(({ call }, index) =>
    setTimeout(() => once(index, RESPONSE_TIMEOUT), Math.max(0, sender.attemptDeadline(call) - Date.now())),
  );
  try {
    const judgedAll = await sender.sendBatch(
      group.map(({ call }) => call),
      admission,
    );
    judgedAll.forEach((judged, index) => once(index, judged));
  } finally {
    for (const timer of timers) clearTimeout(timer);
  }
}
