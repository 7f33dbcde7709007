/**
 * Faults a test queues to make the next matching /rest/ request misbehave the way a real portal or
 * network can. They are consumed after the rate limiter and authentication, in FIFO order.
 */
export type Fault =
  | { kind: 'error'; status: number; error: string; error_description: string }
  | { kind: 'raw'; status: number; body?: string; contentType?: string; headers?: Record<string, string> }
  | { kind: 'delay'; ms: number }
  | { kind: 'hang' }
  | { kind: 'reset'; phase: 'before-apply' | 'after-apply' };

export type FaultKind = Fault['kind'];

/** A queued fault: `method` limits it to one method (case-insensitive), `times` is how often it fires. */
export type FaultSpec = Fault & { method?: string; times?: number };

interface QueuedFault {
  fault: Fault;
  method: string | undefined;
  remaining: number;
}

export class FaultQueue {
  private queue: QueuedFault[] = [];

  add(spec: FaultSpec): void {
    const { method, times, ...fault } = spec;
    const name = method?.toLowerCase().replace(/\.json$/, '');
    this.queue.push({ fault: fault as Fault, method: name, remaining: times ?? 1 });
  }

  /** The first fault for `method`, used up by this call; undefined when none applies. */
  take(method: string): Fault | undefined {
    const index = this.queue.findIndex((queued) => queued.method === undefined || queued.method === method);
    const queued = this.queue[index];
    if (!queued) return undefined;
    queued.remaining -= 1;
    if (queued.remaining <= 0) this.queue.splice(index, 1);
    return queued.fault;
  }

  pending(): FaultSpec[] {
    return this.queue.map(({ fault, method, remaining }) => ({ ...fault, method, times: remaining }));
  }

  clear(): void {
    this.queue = [];
  }
}
