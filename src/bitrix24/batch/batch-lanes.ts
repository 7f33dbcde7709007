import type { AttemptSender } from '../attempt-sender';
import { judge, refused } from '../attempt-sender';
import type { Call, Judged } from '../call';
import type { CallObserver } from '../call-observer';
import type { CircuitBreakers } from '../circuit-breakers';
import type { RateLimiter } from '../limiter/rate-limiter';
import { depart, type Waiting } from './batch-departure';
import { MAX_BATCH_COMMANDS } from './batch-wire';

/** Calls of one portal and one credential (Bitrix24 applies a batch's credentials to all its commands). */
interface Lane {
  readonly key: string;
  readonly portal: string;
  readonly waiting: Waiting[];
  /** Slots asked of the limiter and not granted yet: each takes up to 50 waiting calls when it comes. */
  pending: number;
  timer: NodeJS.Timeout | undefined;
  timerAt: number;
  /** When the lane next asks for a slot at the bucket's pace; set when a call waits, cleared at each tick. */
  tickAt: number | undefined;
}

export interface LaneParts {
  readonly limiter: RateLimiter;
  readonly breakers: CircuitBreakers;
  readonly sender: AttemptSender;
  readonly observer: CallObserver;
  /** The portal's drain rate, requests per second: the pace at which a lane asks for slots. */
  readonly perSecond: (portal: string) => number;
}

// Coalescing starts once a portal's bucket is half full: below it every call goes at once, alone.
const PRESSURE = 0.5;
// A waiting call asks for a slot this long before its deadline at the latest.
const DEADLINE_MARGIN_MS = 250;

const EXPIRED = refused({ reason: 'deadline', retryAfterSec: 1 });
const CIRCUIT_OPEN = judge({ ok: false, failure: { kind: 'circuit-open' } });

/**
 * Coalesces calls into Bitrix24 `batch` requests when, and only when, the portal's budget is under pressure.
 * A lane asks the limiter for a slot when 50 calls wait, at the bucket's own pace (once per drained slot), or
 * when a waiting call's deadline is near; the calls leave when the slot is granted, up to 50 of them, so the
 * limiter's queue counts requests and a lane never holds more slots than it has batches. Order is kept within
 * a batch; a batch of one goes as a plain call.
 */
export class BatchLanes {
  readonly #lanes = new Map<string, Lane>();

  constructor(private readonly parts: LaneParts) {}

  /** Whether a call should wait for a batch: its lane is busy, or its portal's bucket is under pressure. */
  takes(call: Call): boolean {
    const { portal } = call.target;
    if (this.#lanes.size > 0 && this.#lanes.has(laneKey(call))) return true;
    return this.parts.breakers.isClosed(portal) && this.parts.limiter.fullness(portal) >= PRESSURE;
  }

  /** Queues calls of one credential for the next batches of their lane; `now`: ask for their slots at once. */
  submit(calls: readonly Call[], now = false): Promise<Judged>[] {
    const lane = this.lane(calls[0] as Call);
    const answers = calls.map(
      (call) => new Promise<Judged>((answer) => this.enqueue(lane, { call, answer })),
    );
    const underPressure = this.parts.limiter.fullness(lane.portal) >= PRESSURE;
    const wanted =
      now || !underPressure ? batchesOf(lane.waiting.length) : fullBatchesOf(lane.waiting.length);
    while (lane.pending < wanted) this.askForSlot(lane);
    this.schedule(lane);
    return answers;
  }

  /** Waits in the lane, or is refused at once when its batch could not get a slot in time (counted as requests). */
  private enqueue(lane: Lane, waiting: Waiting): void {
    const refusal = this.parts.limiter.refusalFor(
      lane.portal,
      batchesOf(lane.waiting.length + 1),
      waiting.call.options.deadline,
    );
    if (refusal) waiting.answer(refused(refusal));
    else lane.waiting.push(waiting);
  }

  /**
   * The lane's next tick: at the bucket's pace (one drained slot after the first call began to wait, never pushed
   * back by later arrivals), or earlier when a waiting call's deadline is near; while a slot is on its way, when
   * the first waiting call's deadline passes.
   */
  private schedule(lane: Lane): void {
    if (lane.waiting.length === 0) {
      clearTimeout(lane.timer);
      lane.timer = undefined;
      lane.tickAt = undefined;
      if (lane.pending === 0) this.#lanes.delete(lane.key);
      return;
    }
    lane.tickAt ??= Date.now() + 1_000 / this.parts.perSecond(lane.portal);
    const earliest = Math.min(...lane.waiting.map(({ call }) => call.options.deadline));
    // With a slot on its way, only a deadline passing while the calls wait for it is left to watch.
    const dueAt = lane.pending > 0 ? earliest : Math.min(lane.tickAt, earliest - DEADLINE_MARGIN_MS);
    if (lane.timer && lane.timerAt <= dueAt) return;
    clearTimeout(lane.timer);
    lane.timerAt = dueAt;
    lane.timer = setTimeout(() => this.tick(lane), Math.max(0, dueAt - Date.now()));
  }

  private tick(lane: Lane): void {
    lane.timer = undefined;
    lane.tickAt = undefined;
    this.answerExpired(lane);
    if (lane.waiting.length > 0 && lane.pending === 0) this.askForSlot(lane);
    this.schedule(lane);
  }

  /** One more slot for the lane, asked to last until the latest deadline among the waiting calls. */
  private askForSlot(lane: Lane): void {
    lane.pending += 1;
    const deadline = Math.max(...lane.waiting.map(({ call }) => call.options.deadline));
    const started = performance.now();
    this.parts.limiter
      .acquire(lane.portal, deadline)
      .then((refusal) => {
        lane.pending -= 1;
        if (refusal) answerAll(lane.waiting.splice(0, MAX_BATCH_COMMANDS), refused(refusal));
        else this.granted(lane, performance.now() - started);
        this.schedule(lane);
      })
      .catch((error: unknown) => this.failed(lane, error));
  }

  /** A slot came: up to 50 of the calls still in time leave together; a slot nobody needs is given back. */
  private granted(lane: Lane, waitedMs: number): void {
    this.answerExpired(lane);
    const group = lane.waiting.splice(0, MAX_BATCH_COMMANDS);
    if (group.length === 0) return this.parts.limiter.settled(lane.portal);
    this.parts.observer.waited(lane.portal, waitedMs / 1000);
    const admission = this.parts.breakers.admit(lane.portal);
    if (!admission) {
      this.parts.limiter.settled(lane.portal);
      return answerAll(group, CIRCUIT_OPEN);
    }
    depart(this.parts.sender, group, admission).catch((error: unknown) => this.broke(group, error));
  }

  /** Calls whose deadline passed while waiting in the lane were never sent: they answer by themselves. */
  private answerExpired(lane: Lane): void {
    const now = Date.now();
    const expired = lane.waiting.filter(({ call }) => call.options.deadline <= now);
    if (expired.length === 0) return;
    lane.waiting.splice(
      0,
      lane.waiting.length,
      ...lane.waiting.filter((waiting) => !expired.includes(waiting)),
    );
    answerAll(expired, EXPIRED);
  }

  private failed(lane: Lane, error: unknown): void {
    this.broke(lane.waiting.splice(0), error);
    this.schedule(lane);
  }

  // A bug of ours must not leave callers hanging: it is logged, and they are told the outcome is unknown.
  private broke(group: readonly Waiting[], error: unknown): void {
    group[0]?.call.options.log.error({ err: error }, 'unexpected error while sending a batch');
    answerAll(group, judge({ ok: false, failure: { kind: 'network', reason: errorName(error) } }));
  }

  private lane(call: Call): Lane {
    const key = laneKey(call);
    let lane = this.#lanes.get(key);
    if (!lane) {
      lane = {
        key,
        portal: call.target.portal,
        waiting: [],
        pending: 0,
        timer: undefined,
        timerAt: 0,
        tickAt: undefined,
      };
      this.#lanes.set(key, lane);
    }
    return lane;
  }
}

const batchesOf = (calls: number) => Math.ceil(calls / MAX_BATCH_COMMANDS);
const fullBatchesOf = (calls: number) => Math.floor(calls / MAX_BATCH_COMMANDS);

function answerAll(group: readonly Waiting[], judged: Judged): void {
  for (const { answer } of group) answer(judged);
}

const errorName = (error: unknown) => (error instanceof Error ? error.name : 'UNKNOWN');

// Held in memory only, never logged: the credential is part of the key because a batch carries one.
function laneKey({ target }: Call): string {
  return `${target.portal}\n${target.restPath.reveal()}\n${target.accessToken?.reveal() ?? ''}`;
}
