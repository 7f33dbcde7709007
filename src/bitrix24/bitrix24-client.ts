import { ExponentialBackoff, type IBackoff } from 'cockatiel';
import type { Logger } from 'pino';
import type { GatewayMetrics } from '../observability/metrics';
import type { AttemptOutcome } from './attempt-outcome';
import type { Bitrix24Target } from './bitrix24-target';
import { CallObserver } from './call-observer';
import { CircuitBreakers, type Admission } from './circuit-breakers';
import type { CommandFailed, CommandOutcome } from './command-outcome';
import type { Bitrix24Failure } from './failure';
import { mayRetry, meaningOf, type FailureMeaning } from './failure-meaning';
import type { RateLimiter } from './limiter/rate-limiter';
import type { Bitrix24Command, Bitrix24Method } from './method';
import { OperatingTimeGuard } from './operating-time-guard';
import type { ResilienceSettings } from './resilience-settings';
import type { Transport } from './transport';

export interface CallOptions {
  /** Absolute time (ms since epoch) by which all attempts, waits included, must be done. */
  readonly deadline: number;
  /** The request's logger, so every line carries its request id. */
  readonly log: Logger;
}

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

/** One command on its way: what the retry loop, the limiter and the log need to know about it. */
interface Call {
  readonly target: Bitrix24Target;
  readonly method: Bitrix24Method<never>;
  readonly params: unknown;
  readonly idempotent: boolean;
  readonly options: CallOptions;
  attempts: number;
}

interface Judged {
  readonly outcome: AttemptOutcome;
  readonly meaning?: FailureMeaning;
}

// Never start a retry that could not finish: the longest backoff plus a short attempt must fit the deadline.
const MAX_BACKOFF_MS = 1_000;
const MIN_ATTEMPT_MS = 250;
const CIRCUIT_OPEN: AttemptOutcome = { ok: false, failure: { kind: 'circuit-open' } };
const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The one boundary to Bitrix24: runs commands with pacing, retries, circuit breaking and the wire. */
export class Bitrix24Client {
  readonly breakers: CircuitBreakers;
  readonly operatingTime: OperatingTimeGuard;
  readonly #backoff = new ExponentialBackoff({ initialDelay: 100, maxDelay: MAX_BACKOFF_MS });
  readonly #observer: CallObserver;

  constructor(private readonly parts: Bitrix24ClientParts) {
    const { breakerThreshold, breakerCooldownMs } = parts.settings;
    this.breakers = new CircuitBreakers(breakerThreshold, breakerCooldownMs, parts.clock);
    this.operatingTime = new OperatingTimeGuard(parts.clock);
    this.#observer = new CallObserver(parts.metrics);
  }

  /** Runs one command to its outcome: applied with its result, or failed with what that means. Never throws. */
  async run<Params>(
    target: Bitrix24Target,
    command: Bitrix24Command<Params>,
    options: CallOptions,
  ): Promise<CommandOutcome> {
    const method = command.method as unknown as Bitrix24Method<never>;
    const call: Call = {
      target,
      method,
      params: command.params,
      idempotent: command.method.idempotent(command.params),
      options,
      attempts: 0,
    };
    const blockedSec = this.operatingTime.blockedFor(target.portal, method.name);
    if (blockedSec > 0) {
      const failure: Bitrix24Failure = {
        kind: 'throttled',
        reason: 'operation-time-limit',
        retryAfterSec: blockedSec,
      };
      return failed(call, { outcome: { ok: false, failure }, meaning: meaningOf(failure) }, false);
    }
    let mayHaveApplied = false;
    let backoff: IBackoff<unknown> | undefined;
    for (;;) {
      const judged = await this.attempt(call);
      const { outcome, meaning } = judged;
      if (outcome.ok) return { ok: true, result: outcome.success.result, attempts: call.attempts };
      if (!this.shouldRetry(call, meaning as FailureMeaning)) return failed(call, judged, mayHaveApplied);
      // Whatever the next attempt ends in, this ambiguous one keeps the final outcome UNKNOWN.
      mayHaveApplied ||= meaning?.outcome === 'UNKNOWN';
      backoff = backoff ? backoff.next(undefined) : this.#backoff.next();
      await (this.parts.sleep ?? sleepFor)(backoff.duration);
    }
  }

  close(): Promise<void> {
    return this.parts.transport.close();
  }

  private shouldRetry(call: Call, meaning: FailureMeaning): boolean {
    if (call.attempts > this.parts.settings.retries || !mayRetry(meaning, call.idempotent)) return false;
    return call.options.deadline - Date.now() > MAX_BACKOFF_MS + MIN_ATTEMPT_MS;
  }

  /** One attempt: fail fast on an open circuit, take a slot (at once when one is free), send, learn. */
  private attempt(call: Call): Judged | Promise<Judged> {
    const { portal } = call.target;
    const admission = this.breakers.admit(portal);
    if (!admission) return this.judge(call, CIRCUIT_OPEN);
    if (this.parts.limiter.tryAcquire(portal)) {
      this.parts.metrics?.limiterWait.observe({ portal }, 0);
      return this.send(call, admission);
    }
    return this.waitThenSend(call, admission);
  }

  private async waitThenSend(call: Call, admission: Admission): Promise<Judged> {
    const { portal } = call.target;
    const started = performance.now();
    const refusal = await this.parts.limiter.acquire(portal, call.options.deadline);
    if (refusal) {
      this.breakers.abandon(portal, admission);
      return this.judge(call, { ok: false, failure: { kind: 'throttled', ...refusal } });
    }
    this.parts.metrics?.limiterWait.observe({ portal }, (performance.now() - started) / 1000);
    return this.send(call, admission);
  }

  private async send(call: Call, admission: Admission): Promise<Judged> {
    const { target, method, options } = call;
    call.attempts += 1;
    const started = performance.now();
    let outcome: AttemptOutcome;
    try {
      const answer = await this.parts.transport.send(
        target,
        method.name,
        call.params as object,
        this.attemptDeadline(call),
      );
      outcome = checkResult(answer, method);
    } finally {
      // The slot is held until the attempt is over, whatever its outcome: only then has Bitrix24 surely counted it.
      this.parts.limiter.settled(target.portal);
    }
    const judged = this.judge(call, outcome);
    this.breakers.record(target.portal, admission, judged.meaning?.portalFailure ?? false);
    const durationMs = Math.round((performance.now() - started) * 10) / 10;
    this.#observer.record(options.log, {
      portal: target.portal,
      method: method.name,
      attempt: call.attempts,
      durationMs,
      outcome,
      meaning: judged.meaning,
      refusals: method.refusals,
    });
    return this.learnFrom(call, judged);
  }

  private judge(call: Call, outcome: AttemptOutcome): Judged {
    return outcome.ok ? { outcome } : { outcome, meaning: meaningOf(outcome.failure, call.method) };
  }

  // An idempotent attempt gets a bounded slice so that a hung one leaves time for a retry; a toggle,
  // which is not retried after sending, may use all the time there is.
  private attemptDeadline({ idempotent, options }: Call): number {
    const { attemptTimeoutMs } = this.parts.settings;
    return idempotent ? Math.min(options.deadline, Date.now() + attemptTimeoutMs) : options.deadline;
  }

  /** Updates what the client knows of the portal: its bucket, and each method's operating-time window. */
  private learnFrom({ target, method, options }: Call, judged: Judged): Judged {
    const { outcome, meaning } = judged;
    if (outcome.ok) {
      if (this.operatingTime.recordSuccess(target.portal, method.name, outcome.success.time)) {
        options.log.warn(
          { portal: target.portal, method: method.name },
          'bitrix24 method is close to its operating-time limit',
        );
      }
      return judged;
    }
    if (meaning?.teaches === 'bucket-full') this.parts.limiter.markFull(target.portal);
    if (meaning?.teaches !== 'method-blocked' || outcome.failure.kind !== 'error-response') return judged;
    this.operatingTime.recordBlocked(target.portal, method.name);
    const retryAfterSec = this.operatingTime.blockedFor(target.portal, method.name);
    return { outcome: { ok: false, failure: { ...outcome.failure, retryAfterSec } }, meaning };
  }
}

// A success whose result is not what the method promises is counted, logged and retried as a bad answer.
function checkResult(outcome: AttemptOutcome, method: Bitrix24Method<never>): AttemptOutcome {
  if (!outcome.ok || method.acceptsResult(outcome.success.result)) return outcome;
  return { ok: false, failure: { kind: 'bad-response', status: 200, reason: 'unexpected result' } };
}

function failed(call: Call, { outcome, meaning }: Judged, earlierMayHaveApplied: boolean): CommandFailed {
  const { failure } = outcome as Extract<AttemptOutcome, { ok: false }>;
  const { category, explanation, defaultRetryAfterSec } = meaning as FailureMeaning;
  const hinted =
    failure.kind === 'error-response' || failure.kind === 'throttled' ? failure.retryAfterSec : undefined;
  const retryAfterSec = hinted ?? defaultRetryAfterSec;
  return {
    ok: false,
    method: call.method.name,
    portal: call.target.portal,
    failure,
    category,
    outcome: earlierMayHaveApplied ? 'UNKNOWN' : (meaning as FailureMeaning).outcome,
    ...(retryAfterSec === undefined ? {} : { retryAfterSec }),
    attempts: call.attempts,
    explanation,
  };
}
