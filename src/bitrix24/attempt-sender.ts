import type { AttemptOutcome } from './attempt-outcome';
import { batchBody, BATCH_METHOD, settleBatch } from './batch/batch-wire';
import type { CallObserver } from './call-observer';
import type { Call, Judged } from './call';
import type { Admission, CircuitBreakers } from './circuit-breakers';
import { meaningOf } from './failure-meaning';
import type { LimiterRefusal, RateLimiter } from './limiter/rate-limiter';
import type { Bitrix24Method } from './method';
import type { OperatingTimeGuard } from './operating-time-guard';
import type { ResilienceSettings } from './resilience-settings';
import type { Transport } from './transport';

export interface SenderParts {
  readonly transport: Transport;
  readonly limiter: RateLimiter;
  readonly breakers: CircuitBreakers;
  readonly operatingTime: OperatingTimeGuard;
  readonly observer: CallObserver;
  readonly settings: ResilienceSettings;
}

/**
 * Sends attempts that already hold a rate-limiter slot and a breaker admission: one command alone, or the
 * commands of one batch in one request. Either way the slot is given back and the breaker told once per HTTP
 * request, and every command is judged, recorded and learnt from on its own.
 */
export class AttemptSender {
  constructor(private readonly parts: SenderParts) {}

  async sendOne(call: Call, admission: Admission): Promise<Judged> {
    const { target, method } = call;
    call.attempts += 1;
    const started = performance.now();
    const answer = await this.transmit(target.portal, admission, () =>
      this.parts.transport.send(target, method.name, call.params, this.attemptDeadline(call)),
    );
    const judged = judge(checkResult(answer, method), method);
    this.parts.breakers.record(target.portal, admission, judged.meaning?.portalFailure ?? false);
    this.parts.observer.record(call.options.log, call, judged, elapsedMs(started));
    return this.learnFrom(call, judged);
  }

  /** One batch request for calls of one portal and one credential; one judged attempt per call, in order. */
  async sendBatch(calls: readonly Call[], admission: Admission): Promise<Judged[]> {
    const [first] = calls as [Call];
    const { portal } = first.target;
    for (const call of calls) call.attempts += 1;
    const started = performance.now();
    const deadline = Math.max(...calls.map((call) => this.attemptDeadline(call)));
    const answer = await this.transmit(portal, admission, () =>
      this.parts.transport.send(first.target, BATCH_METHOD, batchBody(calls.map(wireCommand)), deadline),
    );
    const answers = answer.ok ? settleBatch(answer.success, calls.length) : undefined;
    // The request as a whole: its own failure (judged without any method's refusal codes), or an answer that
    // is not a batch envelope. A command's own error in the envelope is about that command, not the portal.
    const request = answers ? judge(answer) : judge(answer.ok ? NOT_A_BATCH : answer);
    this.parts.breakers.record(portal, admission, request.meaning?.portalFailure ?? false);
    const durationMs = elapsedMs(started);
    this.parts.observer.recordBatch(first.options.log, portal, calls.length, request, durationMs);
    return calls.map((call, index) => {
      const commandAnswer = answers?.[index];
      const judged = commandAnswer ? judge(checkResult(commandAnswer, call.method), call.method) : request;
      // A failed command's own time block may tell when its method's window resets.
      if (commandAnswer && !commandAnswer.ok)
        this.parts.operatingTime.recordTime(portal, call.method.name, commandAnswer.time);
      this.parts.observer.record(call.options.log, call, judged, durationMs);
      return this.learnFrom(call, judged);
    });
  }

  /**
   * Sends, holding the slot until the request is over whatever its outcome (only then has Bitrix24 surely counted
   * it); should sending throw, the breaker still hears of the admitted attempt, so a probe is never left open.
   */
  private async transmit(
    portal: string,
    admission: Admission,
    send: () => Promise<AttemptOutcome>,
  ): Promise<AttemptOutcome> {
    try {
      return await send();
    } catch (error) {
      this.parts.breakers.record(portal, admission, true);
      throw error;
    } finally {
      this.parts.limiter.settled(portal);
    }
  }

  /**
   * When an attempt must be over. An idempotent one gets a bounded slice so that a hung one leaves time for a
   * retry; a toggle, which is not retried after sending, may use all the time there is.
   */
  attemptDeadline({ idempotent, options }: Call): number {
    const { attemptTimeoutMs } = this.parts.settings;
    return idempotent ? Math.min(options.deadline, Date.now() + attemptTimeoutMs) : options.deadline;
  }

  /** Updates what the client knows of the portal: its bucket, and each method's operating-time window. */
  private learnFrom({ target, method, options }: Call, judged: Judged): Judged {
    const { outcome, meaning } = judged;
    if (outcome.ok) {
      if (this.parts.operatingTime.recordTime(target.portal, method.name, outcome.success.time)) {
        options.log.warn(
          { portal: target.portal, method: method.name },
          'bitrix24 method is close to its operating-time limit',
        );
      }
      return judged;
    }
    if (meaning?.teaches === 'bucket-full') this.parts.limiter.markFull(target.portal);
    if (meaning?.teaches !== 'method-blocked' || outcome.failure.kind !== 'error-response') return judged;
    this.parts.operatingTime.recordBlocked(target.portal, method.name);
    const retryAfterSec = this.parts.operatingTime.blockedFor(target.portal, method.name);
    return { outcome: { ok: false, failure: { ...outcome.failure, retryAfterSec } }, meaning };
  }
}

/** The limiter's refusal, as the attempt's failure: nothing was sent. */
export function refused(refusal: LimiterRefusal): Judged {
  return judge({ ok: false, failure: { kind: 'throttled', ...refusal } });
}

export function judge(outcome: AttemptOutcome, method?: Bitrix24Method<never>): Judged {
  return outcome.ok ? { outcome } : { outcome, meaning: meaningOf(outcome.failure, method) };
}

// A success whose result is not what the method promises is counted, logged and retried as a bad answer.
function checkResult(outcome: AttemptOutcome, method: Bitrix24Method<never>): AttemptOutcome {
  if (!outcome.ok || method.acceptsResult(outcome.success.result)) return outcome;
  return { ok: false, failure: { kind: 'bad-response', status: 200, reason: 'unexpected result' } };
}

const NOT_A_BATCH: AttemptOutcome = {
  ok: false,
  failure: { kind: 'bad-response', status: 200, reason: 'answer is not a batch envelope' },
};

const wireCommand = (call: Call) => ({ method: call.method.name, params: call.params });

const elapsedMs = (started: number) => Math.round((performance.now() - started) * 10) / 10;
