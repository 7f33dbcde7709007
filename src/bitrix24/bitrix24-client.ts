import type { Logger } from 'pino';
import { Bitrix24CallError, type Bitrix24Failure } from './bitrix24-call-error';
import type { Bitrix24Target } from './bitrix24-target';
import { classifyThrown } from './classify-thrown';
import { DispatcherRegistry } from './dispatchers';
import { readEnvelope, type Bitrix24Success } from './envelope';

export type LikeMessageAction = 'plus' | 'minus' | 'auto';

export interface CallOptions {
  /** Absolute time (ms since epoch) by which the whole call must be answered. */
  readonly deadline: number;
}

/** The one boundary to Bitrix24: owns the transport, credentials on the wire, deadlines and envelopes. */
export class Bitrix24Client {
  constructor(
    private readonly dispatchers: DispatcherRegistry,
    private readonly logger: Logger,
  ) {}

  /** Sets or removes a like; resolves when Bitrix24 confirmed it, else throws a Bitrix24CallError. */
  async likeMessage(
    target: Bitrix24Target,
    messageId: string,
    action: LikeMessageAction,
    options: CallOptions,
  ): Promise<void> {
    const { result } = await this.call(
      target,
      'im.message.like',
      { MESSAGE_ID: messageId, ACTION: action },
      options,
    );
    if (result !== true) {
      throw new Bitrix24CallError('im.message.like', target.portal, {
        kind: 'bad-response',
        status: 200,
        reason: 'result is not true',
      });
    }
  }

  async call(
    target: Bitrix24Target,
    method: string,
    params: Record<string, unknown>,
    options: CallOptions,
  ): Promise<Bitrix24Success> {
    const started = performance.now();
    const outcome = await this.send(target, method, params, options);
    const durationMs = Math.round((performance.now() - started) * 10) / 10;
    const log = { portal: target.portal, method, durationMs };
    if (outcome.ok) {
      this.logger.info({ ...log, status: 200 }, 'bitrix24 call succeeded');
      return outcome.success;
    }
    this.logger.warn({ ...log, failure: outcome.failure }, 'bitrix24 call failed');
    throw new Bitrix24CallError(method, target.portal, outcome.failure);
  }

  close(): Promise<void> {
    return this.dispatchers.close();
  }

  private async send(
    target: Bitrix24Target,
    method: string,
    params: Record<string, unknown>,
    { deadline }: CallOptions,
  ): Promise<{ ok: true; success: Bitrix24Success } | { ok: false; failure: Bitrix24Failure }> {
    const remaining = deadline - Date.now();
    if (remaining <= 0) return { ok: false, failure: { kind: 'timeout', phase: 'connect' } };
    const signal = AbortSignal.timeout(remaining);
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
      return { ok: false, failure: classifyThrown(error, signal) };
    }
  }
}
