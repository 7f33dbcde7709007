/** Values of the `bitrix24_breaker_state` gauge. */
export enum CircuitState {
  Closed = 0,
  Open = 1,
  HalfOpen = 2,
}

interface Circuit {
  state: CircuitState;
  failures: number;
  openedAt: number;
}

/** How an attempt was let through: as usual, or as the one probe deciding whether an open circuit closes. */
export type Admission = 'closed' | 'probe';

/**
 * One circuit breaker per portal: after `threshold` consecutive portal failures, attempts fail fast for
 * `cooldownMs`; then a single probe decides whether the circuit closes again, and while it runs the others
 * fail fast rather than queue behind it. Only requests actually sent are recorded, so the gateway's own
 * pacing never counts for or against a portal.
 * Synchronous on purpose: cockatiel's breaker (used before) admits and records inside one async `execute`,
 * which cost a promise chain per call on the hot path and could not be asked before waiting for a slot.
 */
export class CircuitBreakers {
  readonly #circuits = new Map<string, Circuit>();

  constructor(
    private readonly threshold: number,
    private readonly cooldownMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Lets an attempt through, or answers null: fail fast, the circuit is open. */
  admit(portal: string): Admission | null {
    const circuit = this.circuit(portal);
    if (circuit.state === CircuitState.Closed) return 'closed';
    if (circuit.state === CircuitState.HalfOpen || this.now() - circuit.openedAt < this.cooldownMs)
      return null;
    circuit.state = CircuitState.HalfOpen;
    return 'probe';
  }

  /** Whether an attempt would fail fast now; a peek that changes nothing, before waiting for a slot. */
  failsFast(portal: string): boolean {
    const circuit = this.circuit(portal);
    if (circuit.state === CircuitState.HalfOpen) return true;
    return circuit.state === CircuitState.Open && this.now() - circuit.openedAt < this.cooldownMs;
  }

  /** Whether calls to the portal go through as usual (no open circuit, no probe deciding). */
  isClosed(portal: string): boolean {
    return this.circuit(portal).state === CircuitState.Closed;
  }

  /** The admitted attempt was sent and answered; `portalFailed` says whether the portal looked unwell. */
  record(portal: string, admission: Admission, portalFailed: boolean): void {
    const circuit = this.circuit(portal);
    if (!portalFailed) {
      circuit.failures = 0;
      if (admission === 'probe') circuit.state = CircuitState.Closed;
      return;
    }
    circuit.failures += 1;
    if (admission === 'probe' || circuit.failures >= this.threshold) this.open(circuit);
  }

  states(): ReadonlyMap<string, CircuitState> {
    return new Map([...this.#circuits].map(([portal, circuit]) => [portal, circuit.state]));
  }

  private open(circuit: Circuit): void {
    circuit.state = CircuitState.Open;
    circuit.openedAt = this.now();
  }

  private circuit(portal: string): Circuit {
    let circuit = this.#circuits.get(portal);
    if (!circuit) {
      circuit = { state: CircuitState.Closed, failures: 0, openedAt: 0 };
      this.#circuits.set(portal, circuit);
    }
    return circuit;
  }
}
