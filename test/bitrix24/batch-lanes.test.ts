import type { AttemptSender } from '../../src/bitrix24/attempt-sender';
import { BatchLanes } from '../../src/bitrix24/batch/batch-lanes';
import type { Call, Judged } from '../../src/bitrix24/call';
import { CallObserver } from '../../src/bitrix24/call-observer';
import { CircuitBreakers } from '../../src/bitrix24/circuit-breakers';
import { LeakyBucketLimiter } from '../../src/bitrix24/limiter/leaky-bucket-limiter';
import { IM_MESSAGE_LIKE } from '../../src/bitrix24/methods/im-message-like';
import { silentLogger } from '../support/silent-logger';
import { webhookTarget } from '../support/targets';

// Fake timers move Date.now too: the limiter, the lanes' ticks and the deadlines share one clock.
beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
afterEach(() => jest.useRealTimers());

const PORTAL = webhookTarget.portal;
const APPLIED: Judged = { outcome: { ok: true, success: { result: true } } };

/** Lanes over a real limiter (2/s, 9 usable slots) and a sender that records what leaves, answered at once. */
function setUp() {
  const limiter = new LeakyBucketLimiter(() => ({ perSecond: 2, burst: 10 }), 1_000);
  const sent: string[][] = [];
  const answer = (calls: readonly Call[]) => {
    sent.push(calls.map((call) => (call.params as { MESSAGE_ID: string }).MESSAGE_ID));
    limiter.settled(PORTAL);
  };
  const sender = {
    sendOne: async (call: Call) => (answer([call]), APPLIED),
    sendBatch: async (calls: readonly Call[]) => (answer(calls), calls.map(() => APPLIED)),
    attemptDeadline: (call: Call) => call.options.deadline,
  } as unknown as AttemptSender;
  const lanes = new BatchLanes({
    limiter,
    breakers: new CircuitBreakers(5, 1_000),
    sender,
    observer: new CallObserver(undefined),
    perSecond: () => 2,
  });
  /** Takes `slots` of the bucket with calls in flight. */
  const hold = (slots: number) => Array.from({ length: slots }, () => limiter.tryAcquire(PORTAL));
  /** Fills `slots` of the bucket with calls already answered: they drain at 2 per second. */
  const fill = (slots: number) => hold(slots).forEach(() => limiter.settled(PORTAL));
  return { limiter, lanes, sent, hold, fill };
}

function call(id: number, deadlineMs = 30_000): Call {
  return {
    target: webhookTarget,
    method: IM_MESSAGE_LIKE as never,
    params: { MESSAGE_ID: String(id), ACTION: 'plus' },
    idempotent: true,
    options: { deadline: Date.now() + deadlineMs, log: silentLogger },
    attempts: 0,
  };
}

const ids = (from: number, count: number) => Array.from({ length: count }, (_, i) => String(from + i));

describe('BatchLanes', () => {
  it('takes no call while the bucket is under half full', () => {
    const { lanes, hold } = setUp();
    hold(4);
    expect(lanes.takes(call(1))).toBe(false);
    hold(1);
    expect(lanes.takes(call(1))).toBe(true);
  });

  it("sends the calls waiting under pressure together at the bucket's pace, one drained slot later", async () => {
    const { lanes, sent, hold } = setUp();
    hold(5);
    const answers = [1, 2, 3].flatMap((id) => lanes.submit([call(id)]));
    await jest.advanceTimersByTimeAsync(499);
    expect(sent).toEqual([]);
    await jest.advanceTimersByTimeAsync(1);
    expect(sent).toEqual([['1', '2', '3']]);
    expect(await Promise.all(answers)).toEqual([APPLIED, APPLIED, APPLIED]);
  });

  it('sends a full batch of 50 at once, without waiting for the tick', async () => {
    const { lanes, sent, hold } = setUp();
    hold(5);
    lanes.submit(
      ids(1, 52)
        .map(Number)
        .map((id) => call(id)),
    );
    await jest.advanceTimersByTimeAsync(0);
    expect(sent).toEqual([ids(1, 50)]);
    await jest.advanceTimersByTimeAsync(500);
    expect(sent).toEqual([ids(1, 50), ['51', '52']]);
  });

  it('counts the requests ahead of a waiting call, not the calls: refused at once only past its deadline', async () => {
    const { lanes, hold } = setUp();
    hold(9);
    // Every slot is taken: the batch of the first 50 gets one in 0.5 s, the next 50 in 1 s, the rest in 1.5 s.
    const answers = lanes.submit(
      ids(1, 120)
        .map(Number)
        .map((id) => call(id, 1_200)),
    );
    const answered: Judged[] = [];
    for (const answer of answers) void answer.then((judged) => answered.push(judged));
    await jest.advanceTimersByTimeAsync(0);
    expect(answered).toEqual(
      Array.from({ length: 20 }, () => ({
        outcome: { ok: false, failure: { kind: 'throttled', reason: 'deadline', retryAfterSec: 2 } },
        meaning: expect.objectContaining({ category: 'rate', outcome: 'NOT_APPLIED' }),
      })),
    );
  });

  it('answers a call whose deadline passed while it waited for a slot, and sends the others', async () => {
    const { lanes, sent, fill } = setUp();
    fill(9);
    const [late, onTime] = lanes.submit([call(1, 400), call(2, 5_000)]);
    await jest.advanceTimersByTimeAsync(400);
    expect(sent).toEqual([]);
    expect(await late).toMatchObject({
      outcome: { ok: false, failure: { kind: 'throttled', reason: 'deadline' } },
    });
    await jest.advanceTimersByTimeAsync(100);
    expect(sent).toEqual([['2']]);
    expect(await onTime).toEqual(APPLIED);
  });
});
