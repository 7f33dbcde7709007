import { request } from 'undici';
import type { CallLogEntry } from '../../src/emulator/call-log';
import type { EmulatorFault, EmulatorOptionsPatch, EmulatorSetup } from '../../src/emulator/control-schemas';

export type { EmulatorFault, EmulatorOptionsPatch, EmulatorSetup };
/** One recorded /rest/ request (see src/emulator/call-log.ts). */
export type EmulatorCall = CallLogEntry;

/** Client for the emulator's /_emulator/ control API, used by tests to arrange and inspect the portal. */
export class EmulatorControl {
  constructor(private readonly origin: string) {}

  /** Fresh state, log, faults and options; demo data unless `seed` is false. */
  async reset(seed = true): Promise<void> {
    await this.call('POST', '/reset', { seed });
  }

  async setup(setup: EmulatorSetup): Promise<void> {
    await this.call('POST', '/setup', setup);
  }

  /** Ids of the users who like the message, ascending. */
  async likes(messageId: string): Promise<number[]> {
    const body = await this.call<{ likedBy: number[] }>('GET', `/likes/${encodeURIComponent(messageId)}`);
    return body.likedBy;
  }

  async calls(): Promise<EmulatorCall[]> {
    return (await this.call<{ calls: EmulatorCall[] }>('GET', '/calls')).calls;
  }

  async clearCalls(): Promise<void> {
    await this.call('DELETE', '/calls');
  }

  async setOptions(options: EmulatorOptionsPatch): Promise<void> {
    await this.call('PUT', '/options', options);
  }

  async addFault(fault: EmulatorFault): Promise<void> {
    await this.call('POST', '/faults', fault);
  }

  async clearFaults(): Promise<void> {
    await this.call('DELETE', '/faults');
  }

  /** Registers a webhook (random code unless given) and returns its URL, with a trailing slash. */
  async createWebhook(userId: number, code?: string): Promise<string> {
    return (await this.call<{ url: string }>('POST', '/webhooks', { userId, code })).url;
  }

  /** The user's existing webhook URL, created on first use. */
  async webhookUrl(userId: number): Promise<string> {
    return this.createWebhook(userId);
  }

  private async call<T = unknown>(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    body?: unknown,
  ): Promise<T> {
    const response = await request(`${this.origin}/_emulator${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.body.text();
    if (response.statusCode !== 200) {
      throw new Error(`Emulator control ${method} ${path} answered ${response.statusCode}: ${text}`);
    }
    return JSON.parse(text) as T;
  }
}
