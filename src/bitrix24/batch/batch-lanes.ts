import type { AttemptSender } from '../attempt-sender';
import { judge } from '../attempt-sender';
import type { Call, Judged } from '../call';
import type { CallObserver } from '../call-observer';
import type { CircuitBreakers } from '../circuit-breakers';
import type { RateLimiter } from '../limiter/rate-limiter';
import type { RateLimit } from '../resilience-settings';
import { MAX_BATCH_COMMANDS } from './batch-wire';

interface Waiting {
  readonly call: Call;
  readonly answer: (judged: Judged) => void;
}

/** Calls of one portal and one credential (Bitrix24 applies a batch's credentials to all its commands). */
interface Lane {
  readonly key: string;
  readonly portal: string;
  readonly waiting: Waiting[];
  timer: NodeJS.Timeout | undefined;
  timerAt: number;
  /** When the next batch leaves at the bucket's pace; set when a call waits, cleared when a tick sends. */
  tickAt: number | undefined;
}

export interface LaneParts {
  readonly limiter: RateLimiter;
  readonly breakers: CircuitBreakers;
  readonly sender: AttemptSender;
  readonly observer: CallObserver;
  readonly limitFor: (portal: string) => RateLimit;
}

// Coalescing starts once a portal's bucket is half full: below it every call goes at once, alone.
const PRESSURE = 0.5;
// A waiting call leaves with whatever batch is ready this long before its deadline.
const DEADLINE_MARGIN_MS = 250;

/**
 * Coalesces calls into Bitrix24 `batch` requests when, and only when, the portal's budget is under pressure:
 * a batch leaves when it holds 50 commands, at the bucket's own pace (once per drained slot), or when a
 * waiting call's deadline is near; each leaves with one rate-limiter slot, so the limiter's queue counts
 * requests. Order is kept within a batch; a batch of one goes as a plain call.
 */
export class BatchLanes {
  readonly #lanes = new Map<string, Lane>();

  constructor(private readonly parts: LaneParts) {}

  /** Whether a call should wait for a batch: its lane already has calls waiting, or its bucket is under pressure. */
  takes(call: Call): boolean {
    if (this.#lanes.has(laneKey(call))) return true;
    return (
      this.parts.breakers.isClosed(call.target.portal) &&
      this.parts.limiter.fullness(call.target.portal) >= PRESSURE
    );
  }

  /** Queues calls of one credential for the next batch of their lane; `now`: send what is waiting at once. */
  submit(calls: readonly Call[], now = false): Promise<Judged>[] {
    const lane = this.lane(calls[0] as Call);
    const answers = calls.map(
      (call) => new Promise<Judged>((answer) => this.enqueue(lane, { call, answer })),
    );
    const underPressure = this.parts.limiter.fullness(lane.portal) >= PRESSURE;
    while (
      lane.waiting.length >= MAX_BATCH_COMMANDS ||
      (lane.waiting.length > 0 && (now || !underPressure))
    ) {
      this.depart(lane);
    }
    this.schedule(lane);
    return answers;
  }

  /** Waits in the lane, or is refused at once when its batch could not get a slot in time (counted as requests). */
  private enqueue(lane: Lane, waiting: Waiting): void {
    const position = Math.ceil((lane.waiting.length + 1) / MAX_BATCH_COMMANDS);
    const refusal = this.parts.limiter.refusalFor(lane.portal, position, waiting.call.options.deadline);
    if (refusal) waiting.answer(judge({ ok: false, failure: { kind: 'throttled', ...refusal } }));
    else lane.waiting.push(waiting);
  }

  /**
   * The next tick of the lane: at the bucket's pace (one drained slot after the first call began to wait, never
   * pushed back by later arrivals), or earlier when the first waiting call's deadline is near.
   */
  private schedule(lane: Lane): void {
    const head = lane.waiting[0];
    if (!head) {
      clearTimeout(lane.timer);
      this.#lanes.delete(lane.key);
      return;
    }
    lane.tickAt ??= Date.now() + 1_000 / this.parts.limitFor(lane.portal).perSecond;
    const dueAt = Math.min(lane.tickAt, head.call.options.deadline - DEADLINE_MARGIN_MS);
    if (lane.timer && lane.timerAt <= dueAt) return;
    clearTimeout(lane.timer);
    lane.timerAt = dueAt;
    lane.timer = setTimeout(
      () => {
        lane.timer = undefined;
        lane.tickAt = undefined;
        if (lane.waiting.length > 0) this.depart(lane);
        this.schedule(lane);
      },
      Math.max(0, dueAt - Date.now()),
    );
  }

  /** Takes up to 50 waiting calls, waits for one slot for them all, and sends them. */
  private depart(lane: Lane): void {
    const group = lane.waiting.splice(0, MAX_BATCH_COMMANDS);
    const deadline = Math.min(...group.map(({ call }) => call.options.deadline));
    const started = performance.now();
    void this.parts.limiter.acquire(lane.portal, deadline).then(async (refusal) => {
      if (refusal) return answerAll(group, judge({ ok: false, failure: { kind: 'throttled', ...refusal } }));
      this.parts.observer.waited(lane.portal, (performance.now() - started) / 1000);
      const admission = this.parts.breakers.admit(lane.portal);
      if (!admission) {
        this.parts.limiter.settled(lane.portal);
        return answerAll(group, judge({ ok: false, failure: { kind: 'circuit-open' } }));
      }
      if (group.length === 1) {
        const [only] = group as [Waiting];
        return only.answer(await this.parts.sender.sendOne(only.call, admission));
      }
      await this.sendBatch(group, admission);
    });
  }

  // The request runs until the latest deadline among its commands; each command whose own deadline passes
  // first answers by itself (never aborting the request, which would make every toggle in it ambiguous).
  private async sendBatch(group: readonly Waiting[], admission: 'closed' | 'probe'): Promise<void> {
    const answered = group.map(() => false);
    const once = (index: number, judged: Judged) => {
      if (answered[index]) return;
      answered[index] = true;
      (group[index] as Waiting).answer(judged);
    };
    const timers = group.map(({ call }, index) =>
      setTimeout(
        () => once(index, judge({ ok: false, failure: { kind: 'timeout', phase: 'response' } })),
        Math.max(0, call.options.deadline - Date.now()),
      ),
    );
    const judgedAll = await this.parts.sender.sendBatch(
      group.map(({ call }) => call),
      admission,
    );
    timers.forEach((timer) => clearTimeout(timer));
    judgedAll.forEach((judged, index) => once(index, judged));
  }

  private lane(call: Call): Lane {
    const key = laneKey(call);
    let lane = this.#lanes.get(key);
    if (!lane) {
      lane = {
        key,
        portal: call.target.portal,
        waiting: [],
        timer: undefined,
        timerAt: 0,
        tickAt: undefined,
      };
      this.#lanes.set(key, lane);
    }
    return lane;
  }
}

function answerAll(group: readonly Waiting[], judged: Judged): void {
  for (const { answer } of group) answer(judged);
}

// Held in memory only, never logged: the credential is part of the key because a batch carries one.
function laneKey({ target }: Call): string {
  return `${target.portal}\n${target.restPath.reveal()}\n${target.accessToken?.reveal() ?? ''}`;
}
