import {
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  handleWhenResult,
  type CircuitBreakerPolicy,
} from 'cockatiel';
import type { AttemptOutcome } from './attempt-outcome';
import { isPortalFailure } from './retry-rules';

export { CircuitState };

/**
 * One circuit breaker per portal (cockatiel): after `threshold` consecutive portal failures calls fail fast
 * for `cooldownMs`, then one probe call decides whether the circuit closes again.
 */
export class CircuitBreakers {
  readonly #breakers = new Map<string, CircuitBreakerPolicy>();

  constructor(
    private readonly threshold: number,
    private readonly cooldownMs: number,
  ) {}

  for(portal: string): CircuitBreakerPolicy {
    let breaker = this.#breakers.get(portal);
    if (!breaker) {
      breaker = circuitBreaker(
        handleWhenResult((outcome) => portalFailed(outcome as AttemptOutcome)),
        { halfOpenAfter: this.cooldownMs, breaker: new ConsecutiveBreaker(this.threshold) },
      );
      this.#breakers.set(portal, breaker);
    }
    return breaker;
  }

  states(): ReadonlyMap<string, CircuitState> {
    return new Map([...this.#breakers].map(([portal, breaker]) => [portal, breaker.state]));
  }
}

function portalFailed(outcome: AttemptOutcome): boolean {
  return !outcome.ok && isPortalFailure(outcome.failure);
}
