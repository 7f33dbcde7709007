import { EventEmitter } from 'node:events';
import type { AttemptOutcome } from './attempt-outcome';
import type { Bitrix24Target } from './bitrix24-target';
import { classifyThrown } from './classify-thrown';
import type { DispatcherRegistry } from './dispatchers';
import { readEnvelope } from './envelope';

/** Sends one request to Bitrix24 and reads its answer; never throws for anything the network or Bitrix24 does. */
export interface Transport {
  send(target: Bitrix24Target, method: string, params: object, deadline: number): Promise<AttemptOutcome>;
  close(): Promise<void>;
}

/** The undici transport: one keep-alive dispatcher per portal, explicit timeouts, no redirects followed. */
export class UndiciTransport implements Transport {
  constructor(private readonly dispatchers: DispatcherRegistry) {}

  async send(
    target: Bitrix24Target,
    method: string,
    params: object,
    deadline: number,
  ): Promise<AttemptOutcome> {
    const remaining = deadline - Date.now();
    if (remaining <= 0) return { ok: false, failure: { kind: 'timeout', phase: 'connect' } };
    // undici takes an EventEmitter as its abort signal. One emitter and one timer, cleared once the answer is
    // read, cost a fraction of AbortSignal.timeout(), whose timer stays armed until the deadline even after
    // the call is over (so a busy gateway keeps a deadline's worth of them alive).
    const signal = new EventEmitter();
    let deadlinePassed = false;
    const timer = setTimeout(() => {
      deadlinePassed = true;
      signal.emit('abort');
    }, remaining);
    try {
      const response = await this.dispatchers.get(target.origin).request({
        origin: target.origin,
        path: `${target.restPath.reveal()}${method}.json`,
        method: 'POST',
        // The token travels in the body, the documented form: proxies log URLs, not bodies.
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(target.accessToken ? { ...params, auth: target.accessToken.reveal() } : params),
        signal,
        headersTimeout: remaining,
        bodyTimeout: remaining,
      });
      const text = await response.body.text();
      return readEnvelope(response.statusCode, response.headers, text);
    } catch (error) {
      return { ok: false, failure: classifyThrown(error, deadlinePassed) };
    } finally {
      clearTimeout(timer);
    }
  }

  close(): Promise<void> {
    return this.dispatchers.close();
  }
}
