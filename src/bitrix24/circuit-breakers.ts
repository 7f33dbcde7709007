import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  handleWhenResult,
  type CircuitBreakerPolicy,
} from 'cockatiel';
import type { AttemptOutcome } from './attempt-outcome';
import { isPortalFailure } from './retry-rules';

export { CircuitState };

interface Breaker {
  readonly policy: CircuitBreakerPolicy;
  openedAt: number;
}

const CIRCUIT_OPEN: AttemptOutcome = { ok: false, failure: { kind: 'circuit-open' } };

/**
 * One circuit breaker per portal (cockatiel): after `threshold` consecutive portal failures calls fail fast
 * for `cooldownMs`, then a single probe call decides whether the circuit closes again. Only requests actually
 * sent go through the breaker, so the gateway's own pacing never counts for or against a portal.
 */
export class CircuitBreakers {
  readonly #breakers = new Map<string, Breaker>();

  constructor(
    private readonly threshold: number,
    private readonly cooldownMs: number,
  ) {}

  /**
   * Sends through the portal's breaker, or answers `circuit-open` at once: while the circuit is open, and
   * while a probe is deciding (cockatiel would make every caller wait for it instead of failing fast).
   */
  async send(portal: string, send: () => Promise<AttemptOutcome>): Promise<AttemptOutcome> {
    const breaker = this.breaker(portal);
    if (!this.admits(breaker)) return CIRCUIT_OPEN;
    try {
      return await breaker.policy.execute(send);
    } catch (error) {
      if (error instanceof BrokenCircuitError) return CIRCUIT_OPEN;
      throw error;
    }
  }

  /** Whether a call would reach the portal now; checked before waiting for a rate-limiter slot. */
  admitsNow(portal: string): boolean {
    return this.admits(this.breaker(portal));
  }

  states(): ReadonlyMap<string, CircuitState> {
    return new Map([...this.#breakers].map(([portal, breaker]) => [portal, breaker.policy.state]));
  }

  private admits(breaker: Breaker): boolean {
    switch (breaker.policy.state) {
      case CircuitState.Closed:
        return true;
      case CircuitState.Open:
        return Date.now() - breaker.openedAt >= this.cooldownMs;
      default:
        return false;
    }
  }

  private breaker(portal: string): Breaker {
    let breaker = this.#breakers.get(portal);
    if (!breaker) {
      const policy = circuitBreaker(
        handleWhenResult((outcome) => portalFailed(outcome as AttemptOutcome)),
        { halfOpenAfter: this.cooldownMs, breaker: new ConsecutiveBreaker(this.threshold) },
      );
      const created: Breaker = { policy, openedAt: 0 };
      policy.onBreak(() => (created.openedAt = Date.now()));
      this.#breakers.set(portal, created);
      breaker = created;
    }
    return breaker;
  }
}

function portalFailed(outcome: AttemptOutcome): boolean {
  return !outcome.ok && isPortalFailure(outcome.failure);
}
