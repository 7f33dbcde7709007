import { ExponentialBackoff, handleWhenResult, retry } from 'cockatiel';
import type { Logger } from 'pino';
import { outcomeOf } from '../errors/bitrix24-error-table';
import type { GatewayMetrics } from '../observability/metrics';
import type { AttemptOutcome } from './attempt-outcome';
import { Bitrix24CallError } from './bitrix24-call-error';
import type { Bitrix24Target } from './bitrix24-target';
import { recordAttempt } from './call-observer';
import { CircuitBreakers } from './circuit-breakers';
import type { Bitrix24Success } from './envelope';
import { acquireSlot } from './limiter/acquire-slot';
import type { RateLimiter } from './limiter/rate-limiter';
import { OperatingTimeGuard } from './operating-time-guard';
import type { ResilienceSettings } from './resilience-settings';
import { isRetryable, sameCode } from './retry-rules';
import type { Transport } from './transport';

export type LikeMessageAction = 'plus' | 'minus' | 'auto';

export interface CallOptions {
  /** Absolute time (ms since epoch) by which all attempts, waits included, must be done. */
  readonly deadline: number;
  /** The request's logger, so every line carries its request id. */
  readonly log: Logger;
}

export interface MethodContract {
  /** Safe to send twice: decides which failures are retried. */
  readonly idempotent: boolean;
  /** Whether a success envelope's `result` is what the method promises; anything else is a bad answer. */
  readonly acceptsResult?: (result: unknown) => boolean;
}

export interface Bitrix24ClientParts {
  readonly transport: Transport;
  readonly limiter: RateLimiter;
  readonly settings: ResilienceSettings;
  readonly metrics?: GatewayMetrics;
}

interface Call extends MethodContract {
  readonly target: Bitrix24Target;
  readonly method: string;
  readonly params: Record<string, unknown>;
  readonly options: CallOptions;
  readonly history: { attempts: number; earlierAttemptMayHaveApplied: boolean; lastMayHaveApplied: boolean };
}

// Never start a retry that could not finish: the longest backoff plus a short attempt must fit the deadline.
const MAX_BACKOFF_MS = 1_000;
const MIN_ATTEMPT_MS = 250;
const LIKE_CONTRACT = { acceptsResult: (result: unknown) => result === true };

/** The one boundary to Bitrix24: pacing, retries, circuit breaking and the wire, behind one call. */
export class Bitrix24Client {
  readonly breakers: CircuitBreakers;
  readonly operatingTime = new OperatingTimeGuard();
  readonly #backoff = new ExponentialBackoff({ initialDelay: 100, maxDelay: MAX_BACKOFF_MS });

  constructor(private readonly parts: Bitrix24ClientParts) {
    this.breakers = new CircuitBreakers(parts.settings.breakerThreshold, parts.settings.breakerCooldownMs);
  }

  /** Sets or removes a like; resolves when Bitrix24 confirmed it, else throws a Bitrix24CallError. */
  async likeMessage(
    target: Bitrix24Target,
    messageId: string,
    action: LikeMessageAction,
    options: CallOptions,
  ) {
    const params = { MESSAGE_ID: messageId, ACTION: action };
    await this.call(target, 'im.message.like', params, options, {
      ...LIKE_CONTRACT,
      idempotent: action !== 'auto',
    });
  }

  async call(
    target: Bitrix24Target,
    method: string,
    params: Record<string, unknown>,
    options: CallOptions,
    contract: MethodContract,
  ): Promise<Bitrix24Success> {
    const history = { attempts: 0, earlierAttemptMayHaveApplied: false, lastMayHaveApplied: false };
    const call: Call = { ...contract, target, method, params, options, history };
    const blockedSec = this.operatingTime.blockedFor(target.portal, method);
    const outcome: AttemptOutcome =
      blockedSec > 0
        ? {
            ok: false,
            failure: { kind: 'throttled', reason: 'operation-time-limit', retryAfterSec: blockedSec },
          }
        : await this.attemptWithRetries(call);
    if (outcome.ok) return outcome.success;
    const { attempts, earlierAttemptMayHaveApplied } = history;
    throw new Bitrix24CallError(method, target.portal, outcome.failure, {
      attempts,
      earlierAttemptMayHaveApplied,
    });
  }

  close(): Promise<void> {
    return this.parts.transport.close();
  }

  private attemptWithRetries(call: Call): Promise<AttemptOutcome> {
    const retryPolicy = retry(
      handleWhenResult((outcome) => this.shouldRetry(outcome as AttemptOutcome, call)),
      { maxAttempts: this.parts.settings.retries, backoff: this.#backoff },
    );
    return retryPolicy.execute(() => this.attempt(call));
  }

  private shouldRetry(outcome: AttemptOutcome, { idempotent, options }: Call): boolean {
    if (outcome.ok || !isRetryable(outcome.failure, idempotent)) return false;
    return options.deadline - Date.now() > MAX_BACKOFF_MS + MIN_ATTEMPT_MS;
  }

  /** One attempt: fail fast on an open circuit, wait for a slot, send, and learn from the answer. */
  private async attempt(call: Call): Promise<AttemptOutcome> {
    const { target, options, history } = call;
    // Whatever this attempt ends in, an earlier ambiguous one keeps the final outcome UNKNOWN.
    history.earlierAttemptMayHaveApplied ||= history.lastMayHaveApplied;
    if (!this.breakers.admitsNow(target.portal)) return { ok: false, failure: { kind: 'circuit-open' } };
    const throttled = await acquireSlot(
      this.parts.limiter,
      target.portal,
      options.deadline,
      this.parts.metrics,
    );
    if (throttled) return throttled;
    let sent: AttemptOutcome;
    try {
      sent = await this.breakers.send(target.portal, () => this.send(call));
    } finally {
      // The slot is held until the attempt is over, whatever its outcome: only then has Bitrix24 surely counted it.
      this.parts.limiter.settled(target.portal);
    }
    const outcome = this.learnFrom(call, sent);
    history.lastMayHaveApplied = !outcome.ok && outcomeOf(outcome.failure) === 'UNKNOWN';
    return outcome;
  }

  private async send(call: Call): Promise<AttemptOutcome> {
    const { target, method, params, options, history } = call;
    history.attempts += 1;
    const started = performance.now();
    const sent = checkResult(
      await this.parts.transport.send(target, method, params, this.attemptDeadline(call)),
      call,
    );
    const durationMs = Math.round((performance.now() - started) * 10) / 10;
    const record = { portal: target.portal, method, attempt: history.attempts, durationMs, outcome: sent };
    recordAttempt(options.log, this.parts.metrics, record);
    return sent;
  }

  // An idempotent attempt gets a bounded slice so that a hung one leaves time for a retry; a toggle,
  // which is not retried after sending, may use all the time there is.
  private attemptDeadline({ idempotent, options }: Call): number {
    const { attemptTimeoutMs } = this.parts.settings;
    return idempotent ? Math.min(options.deadline, Date.now() + attemptTimeoutMs) : options.deadline;
  }

  /** Updates what the client knows of the portal; an OPERATION_TIME_LIMIT learns when the block ends. */
  private learnFrom({ target, method, options }: Call, outcome: AttemptOutcome): AttemptOutcome {
    if (outcome.ok) {
      if (this.operatingTime.recordSuccess(target.portal, method, outcome.success.time)) {
        options.log.warn(
          { portal: target.portal, method },
          'bitrix24 method is close to its operating-time limit',
        );
      }
      return outcome;
    }
    const { failure } = outcome;
    if (failure.kind !== 'error-response') return outcome;
    if (sameCode(failure.code, 'QUERY_LIMIT_EXCEEDED')) this.parts.limiter.markFull(target.portal);
    if (!sameCode(failure.code, 'OPERATION_TIME_LIMIT')) return outcome;
    this.operatingTime.recordBlocked(target.portal, method);
    const retryAfterSec = this.operatingTime.blockedFor(target.portal, method);
    return { ok: false, failure: { ...failure, retryAfterSec } };
  }
}

// A success whose result is not what the method promises is counted, logged and retried as a bad answer.
function checkResult(outcome: AttemptOutcome, { acceptsResult }: MethodContract): AttemptOutcome {
  if (!outcome.ok || !acceptsResult || acceptsResult(outcome.success.result)) return outcome;
  return { ok: false, failure: { kind: 'bad-response', status: 200, reason: 'unexpected result' } };
}
