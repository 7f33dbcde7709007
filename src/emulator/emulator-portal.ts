import { CallLog } from './call-log';
import type { Clock } from './clock';
import { systemClock } from './clock';
import { randomWebhookCode, seedDemoData } from './demo-seed';
import { EmulatorState } from './emulator-state';
import { FaultQueue } from './faults';
import type { RateLimit } from './leaky-bucket';
import { LeakyBucket } from './leaky-bucket';
import { createMethodRegistry } from './methods/method-registry';
import type { MethodOptions } from './methods/method-types';
import { OperatingTime } from './operating-time';

/** Everything one emulated portal holds; the REST handler and the control API both work on it. */
export class EmulatorPortal {
  readonly state = new EmulatorState();
  readonly registry = createMethodRegistry();
  readonly faults = new FaultQueue();
  readonly calls = new CallLog();
  readonly options: MethodOptions = { legacyParamsError: false };
  readonly operating: OperatingTime;
  private limiter: LeakyBucket | undefined;
  // Chosen once so a reset does not invalidate webhook URLs already handed out.
  private readonly demoWebhookCode = randomWebhookCode();

  private rateLimit: RateLimit | false;

  constructor(
    private readonly initialRateLimit: RateLimit | false,
    seed: boolean,
    /** Drives the rate limit, operating time, token expiry and time blocks alike. */
    readonly clock: Clock = systemClock,
  ) {
    this.rateLimit = initialRateLimit;
    this.limiter = this.bucketFor(initialRateLimit);
    this.operating = new OperatingTime(clock);
    if (seed) seedDemoData(this.state, this.demoWebhookCode, clock());
  }

  /** Now in unix seconds, as Bitrix24's time blocks count. */
  nowSec(): number {
    return this.clock() / 1000;
  }

  /** Counts a request from `ip` against the rate limit; false when it must be refused. */
  admit(ip: string): boolean {
    return this.limiter?.tryTake(ip) ?? true;
  }

  /** Replaces the limit and starts every client from an empty bucket. */
  setRateLimit(rateLimit: RateLimit | false): void {
    this.rateLimit = rateLimit;
    this.limiter = this.bucketFor(rateLimit);
  }

  currentRateLimit(): RateLimit | false {
    return this.rateLimit;
  }

  /** Back to a freshly started emulator, options included, so tests cannot leak settings into each other. */
  reset(seed: boolean): void {
    this.state.clear();
    this.calls.clear();
    this.faults.clear();
    this.options.legacyParamsError = false;
    this.operating.reset();
    this.setRateLimit(this.initialRateLimit);
    if (seed) seedDemoData(this.state, this.demoWebhookCode, this.clock());
  }

  /** The user's first webhook code, registering `code` (or a random one) when asked or missing. */
  webhookCode(userId: number, code?: string): string {
    if (code !== undefined) {
      this.state.addWebhook(userId, code);
      return code;
    }
    const existing = this.state.firstWebhookCode(userId);
    if (existing !== undefined) return existing;
    const created = randomWebhookCode();
    this.state.addWebhook(userId, created);
    return created;
  }

  private bucketFor(rateLimit: RateLimit | false): LeakyBucket | undefined {
    return rateLimit ? new LeakyBucket(rateLimit, this.clock) : undefined;
  }
}
