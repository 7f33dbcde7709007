import { ExponentialBackoff, type IBackoff } from 'cockatiel';
import type { GatewayMetrics } from '../observability/metrics';
import type { AttemptOutcome } from './attempt-outcome';
import { AttemptSender, judge, refused } from './attempt-sender';
import { BatchLanes } from './batch/batch-lanes';
import type { Bitrix24Target } from './bitrix24-target';
import { CallObserver } from './call-observer';
import type { Call, CallOptions, Judged } from './call';
import { CircuitBreakers } from './circuit-breakers';
import { commandFailed, type CommandOutcome } from './command-outcome';
import { mayRetry, type FailureMeaning } from './failure-meaning';
import type { RateLimiter } from './limiter/rate-limiter';
import type { Bitrix24Command, Bitrix24Method } from './method';
import { OperatingTimeGuard } from './operating-time-guard';
import { rateLimitFor, type ResilienceSettings } from './resilience-settings';
import type { Transport } from './transport';

export interface Bitrix24ClientParts {
  readonly transport: Transport;
  readonly limiter: RateLimiter;
  readonly settings: ResilienceSettings;
  readonly metrics?: GatewayMetrics;
  /** Waits between attempts; tests drive it instead of a real timer. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Time for the breakers and the operating-time windows; tests drive it. */
  readonly clock?: () => number;
}

// Never start a retry that could not finish: the longest backoff plus a short attempt must fit the deadline.
const MAX_BACKOFF_MS = 1_000;
const MIN_ATTEMPT_MS = 250;
const CIRCUIT_OPEN: AttemptOutcome = { ok: false, failure: { kind: 'circuit-open' } };
const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The one boundary to Bitrix24: runs commands with pacing, retries, circuit breaking and the wire, coalescing
 * them into `batch` requests while a portal's budget is under pressure.
 */
export class Bitrix24Client {
  readonly breakers: CircuitBreakers;
  readonly operatingTime: OperatingTimeGuard;
  readonly #backoff = new ExponentialBackoff({ initialDelay: 100, maxDelay: MAX_BACKOFF_MS });
  readonly #sender: AttemptSender;
  readonly #observer: CallObserver;
  readonly #lanes: BatchLanes;

  constructor(private readonly parts: Bitrix24ClientParts) {
    const { breakerThreshold, breakerCooldownMs } = parts.settings;
    this.breakers = new CircuitBreakers(breakerThreshold, breakerCooldownMs, parts.clock);
    this.operatingTime = new OperatingTimeGuard(parts.clock);
    this.#observer = new CallObserver(parts.metrics);
    this.#sender = new AttemptSender({
      ...parts,
      breakers: this.breakers,
      operatingTime: this.operatingTime,
      observer: this.#observer,
    });
    this.#lanes = new BatchLanes({
      limiter: parts.limiter,
      breakers: this.breakers,
      sender: this.#sender,
      observer: this.#observer,
      perSecond: (portal) => rateLimitFor(parts.settings, portal).perSecond,
    });
  }

  /** Runs one command to its outcome: applied with its result, or failed with what that means. Never throws. */
  run<Params>(
    target: Bitrix24Target,
    command: Bitrix24Command<Params>,
    options: CallOptions,
  ): Promise<CommandOutcome> {
    return this.runCall(this.call(target, command, options));
  }

  /**
   * Runs commands of one caller together: their first attempts leave at once in as few `batch` requests as
   * possible (50 commands each). Outcomes come in the commands' order.
   */
  runAll<Params>(
    target: Bitrix24Target,
    commands: readonly Bitrix24Command<Params>[],
    options: CallOptions,
  ): Promise<CommandOutcome[]> {
    const calls = commands.map((command) => this.call(target, command, options));
    const ready = calls.filter((call) => !this.blocked(call));
    const first = ready.length > 0 ? this.#lanes.submit(ready, true) : [];
    return Promise.all(calls.map((call) => this.runCall(call, first[ready.indexOf(call)])));
  }

  close(): Promise<void> {
    return this.parts.transport.close();
  }

  private call<Params>(target: Bitrix24Target, command: Bitrix24Command<Params>, options: CallOptions): Call {
    const method = command.method as unknown as Bitrix24Method<never>;
    const params = command.params as object;
    return {
      target,
      method,
      params,
      idempotent: command.method.idempotent(command.params),
      options,
      attempts: 0,
    };
  }

  private blocked(call: Call): Judged | undefined {
    const retryAfterSec = this.operatingTime.blockedFor(call.target.portal, call.method.name);
    if (retryAfterSec <= 0) return undefined;
    return judge({
      ok: false,
      failure: { kind: 'throttled', reason: 'operation-time-limit', retryAfterSec },
    });
  }

  /** The retry loop, written for the common case: one attempt. `started` is a first attempt already on its way. */
  private async runCall(call: Call, started?: Promise<Judged>): Promise<CommandOutcome> {
    const blocked = started ? undefined : this.blocked(call);
    if (blocked) return commandFailed(call, blocked, false);
    let mayHaveApplied = false;
    let backoff: IBackoff<unknown> | undefined;
    let attempt = started ?? this.attempt(call);
    for (;;) {
      const judged = await attempt;
      const { outcome, meaning } = judged;
      if (outcome.ok) return { ok: true, result: outcome.success.result, attempts: call.attempts };
      if (!this.shouldRetry(call, meaning as FailureMeaning))
        return commandFailed(call, judged, mayHaveApplied);
      // Whatever the next attempt ends in, this ambiguous one keeps the final outcome UNKNOWN.
      mayHaveApplied ||= meaning?.outcome === 'UNKNOWN';
      backoff = backoff ? backoff.next(undefined) : this.#backoff.next();
      await (this.parts.sleep ?? sleepFor)(backoff.duration);
      attempt = this.attempt(call);
    }
  }

  private shouldRetry(call: Call, meaning: FailureMeaning): boolean {
    if (call.attempts > this.parts.settings.retries || !mayRetry(meaning, call.idempotent)) return false;
    return call.options.deadline - Date.now() > MAX_BACKOFF_MS + MIN_ATTEMPT_MS;
  }

  /**
   * One attempt: in a batch while the bucket is under pressure; else fail fast on an open circuit, take a slot (at
   * once when one is free), and let the breaker admit the attempt once it holds the slot.
   */
  private attempt(call: Call): Judged | Promise<Judged> {
    if (this.#lanes.takes(call)) return this.#lanes.submit([call])[0] as Promise<Judged>;
    const { portal } = call.target;
    if (this.breakers.failsFast(portal)) return judge(CIRCUIT_OPEN);
    if (!this.parts.limiter.tryAcquire(portal)) return this.waitThenSend(call);
    this.#observer.waited(portal, 0);
    return this.admitThenSend(call);
  }

  private async waitThenSend(call: Call): Promise<Judged> {
    const { portal } = call.target;
    const started = performance.now();
    const refusal = await this.parts.limiter.acquire(portal, call.options.deadline);
    if (refusal) return refused(refusal);
    this.#observer.waited(portal, (performance.now() - started) / 1000);
    return this.admitThenSend(call);
  }

  // The circuit may have opened while the call waited: the slot is then spent, as Bitrix24 may count it anyway.
  private admitThenSend(call: Call): Judged | Promise<Judged> {
    const admission = this.breakers.admit(call.target.portal);
    if (admission) return this.#sender.sendOne(call, admission);
    this.parts.limiter.settled(call.target.portal);
    return judge(CIRCUIT_OPEN);
  }
}
