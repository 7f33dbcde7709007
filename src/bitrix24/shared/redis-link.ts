import { createClient } from '@redis/client';
import type { Logger } from 'pino';
import { blockScripts } from './block-scripts';
import { bucketScripts } from './bucket-scripts';
import type { SharedBudgetSettings } from './shared-settings';

// How often a replica that fell back checks whether Redis answers again.
const PROBE_MS = 250;
const MAX_RECONNECT_DELAY_MS = 1_000;

const SCRIPTS = { ...bucketScripts, ...blockScripts };

function redisClient(settings: SharedBudgetSettings) {
  return createClient({
    url: settings.redisUrl.reveal(),
    // A command must fail at once while the connection is down, never wait for it in a queue.
    disableOfflineQueue: true,
    // The client's own timeout covers only the wait to be written; RedisLink.call bounds the reply too.
    commandOptions: { timeout: settings.commandTimeoutMs },
    socket: {
      connectTimeout: settings.connectTimeoutMs,
      reconnectStrategy: (retries: number) => Math.min(100 * (retries + 1), MAX_RECONNECT_DELAY_MS),
    },
    scripts: SCRIPTS,
  });
}

export type SharedRedisClient = ReturnType<typeof redisClient>;

/**
 * The connection to Redis and what each replica makes of it: shared while Redis answers, on its own share of
 * the budget from the first failure until Redis answers again. Each change is logged once, not per call.
 * Never throws: Redis going away must not take a request, let alone the process, with it.
 */
export class RedisLink {
  readonly client: SharedRedisClient;
  readonly #listeners: Array<(shared: boolean) => void> = [];
  readonly #subscribers: SharedRedisClient[] = [];
  #shared = true;
  #probe: NodeJS.Timeout | undefined;
  #closed = false;

  private constructor(
    private readonly settings: SharedBudgetSettings,
    private readonly log: Logger,
  ) {
    this.client = redisClient(settings);
    this.client.on('error', (error: unknown) => this.failed(error));
    this.client.on('ready', () => void this.check());
  }

  /** Connects, waiting at most the connect timeout: a replica that cannot reach Redis starts on its share. */
  static async open(settings: SharedBudgetSettings, log: Logger): Promise<RedisLink> {
    const link = new RedisLink(settings, log);
    const connected = link.client
      .connect()
      .then(() => link.loadScripts())
      .then(
        () => true,
        () => false,
      );
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<false>(
      (resolve) => (timer = setTimeout(resolve, settings.connectTimeoutMs, false)),
    );
    if (!(await Promise.race([connected, late]))) link.failed({ name: 'ConnectTimeout' });
    clearTimeout(timer);
    return link;
  }

  /** True while every replica takes its slots from the buckets in Redis. */
  get shared(): boolean {
    return this.#shared;
  }

  /** `listener(shared)` on every change. */
  onChange(listener: (shared: boolean) => void): void {
    this.#listeners.push(listener);
  }

  /**
   * Runs one command within the command timeout: a Redis that stops answering (its connection still open)
   * must cost a call no more than that. A failure, or no answer in time, makes the replica fall back.
   */
  async call<T>(command: (client: SharedRedisClient) => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    // Timers run before I/O in each turn of the event loop: after a stall (start-up, a long GC), the answer may
    // be waiting unread. setImmediate runs after the loop has read it, so only a silent Redis times out.
    const late = new Promise<never>((_resolve, reject) => {
      const timeout = () => setImmediate(reject, { name: 'CommandTimeout' });
      timer = setTimeout(timeout, this.settings.commandTimeoutMs);
    });
    try {
      return await Promise.race([command(this.client), late]);
    } catch (error) {
      this.failed(error);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  /** A command failed, or the connection did: this replica goes on with its own share until Redis answers. */
  private failed(error: unknown): void {
    if (this.#closed) return;
    this.watch();
    if (!this.#shared) return;
    this.#shared = false;
    this.log.warn(
      { reason: reasonOf(error), replicas: this.settings.replicas },
      'redis unreachable: this replica paces Bitrix24 calls alone, with its share of the budget',
    );
    this.#listeners.forEach((listener) => listener(false));
  }

  /**
   * A second connection that receives `channel`; `onReady` runs once subscribed and again on each
   * reconnection, to catch up on what was published meanwhile. Resolves once first subscribed.
   */
  async subscribe(channel: string, onMessage: (message: string) => void, onReady: () => void): Promise<void> {
    const subscriber = this.client.duplicate();
    // Its failures show on the main connection too; this one only needs to never crash the process.
    subscriber.on('error', () => undefined);
    subscriber.on('ready', onReady);
    this.#subscribers.push(subscriber);
    try {
      await subscriber.connect();
      await subscriber.subscribe(channel, onMessage);
    } catch {
      // Only a closing link ends the client's attempts to connect.
      return;
    }
    onReady();
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#probe);
    await Promise.all([this.client, ...this.#subscribers].map((client) => client.destroy()));
  }

  private watch(): void {
    if (this.#probe || this.#closed) return;
    this.#probe = setInterval(() => void this.check(), PROBE_MS);
    this.#probe.unref();
  }

  /**
   * Scripts are loaded before use: the client would otherwise send a script Redis does not know yet after the
   * refusal of its hash, behind commands issued later, and a settle could land after the next acquisition.
   */
  private async loadScripts(): Promise<void> {
    await Promise.all(
      Object.values(SCRIPTS).map((script) => this.call((client) => client.scriptLoad(script.SCRIPT))),
    );
  }

  /** Back to shared once Redis answers again (and knows the scripts: it may have restarted empty). */
  private async check(): Promise<void> {
    if (this.#shared || !this.client.isReady) return;
    try {
      await this.loadScripts();
    } catch {
      return;
    }
    if (this.#shared || this.#closed) return;
    clearInterval(this.#probe);
    this.#probe = undefined;
    this.#shared = true;
    this.log.warn('redis reachable again: replicas share one Bitrix24 budget again');
    this.#listeners.forEach((listener) => listener(true));
  }
}

// A code or a class name, never a message: a message might one day quote the URL and its password.
function reasonOf(error: unknown): string {
  const { code, name, constructor } = (error ?? {}) as {
    code?: unknown;
    name?: unknown;
    constructor?: unknown;
  };
  if (typeof code === 'string') return code;
  const type = typeof constructor === 'function' ? constructor.name : '';
  return type && type !== 'Error' && type !== 'Object' ? type : typeof name === 'string' ? name : 'unknown';
}
