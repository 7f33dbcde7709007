import autocannon from 'autocannon';
import { request } from 'undici';
import { LIKE_REQUEST_BODY } from '../like-request';
import type { Child } from '../support/child';
import { cpuMicros, machineBusyMicros } from '../support/proc-stats';

export interface ThroughputSettings {
  readonly connections: number;
  readonly seconds: number;
  readonly warmupSeconds: number;
}

/** One measured run of one server at full load. */
export interface ThroughputRun {
  readonly requestsPerSec: number;
  readonly requests: number;
  /** Latency under load, whole milliseconds (autocannon's resolution). */
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Server CPU time (user + system, all threads) per answered request. */
  readonly cpuMicrosPerRequest: number;
  /** Share of one core the server used during the run; the machine has `os.availableParallelism()`. */
  readonly serverCores: number;
  readonly upstreamCores: number;
  readonly loadCores: number;
  /** Cores used by everything else on the machine meanwhile: more than a little means a noisy round. */
  readonly otherCores: number;
  /** Answers that were not 2xx with exactly the expected body, errors and timeouts: must be 0. */
  readonly failures: number;
  /** Upstream calls made minus answers given: about 0 (requests in flight at the edges aside). */
  readonly extraUpstreamCalls: number;
}

/** Warms the server up, then loads it with `connections` clients for `seconds`, reading /proc around it. */
export async function measureThroughput(
  server: Child,
  upstream: Child,
  expectedBody: string,
  settings: ThroughputSettings,
): Promise<ThroughputRun> {
  const load = (seconds: number) =>
    autocannon({
      url: server.url,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: LIKE_REQUEST_BODY,
      connections: settings.connections,
      duration: seconds,
      expectBody: expectedBody,
    });
  await load(settings.warmupSeconds);
  const before = snapshot(server, upstream);
  const calls = await upstreamCalls(upstream);
  const result = await load(settings.seconds);
  const after = snapshot(server, upstream);
  const answered = result['2xx'];
  const elapsed = after.at - before.at;
  const spent = (key: 'machine' | 'server' | 'upstream' | 'load') => after[key] - before[key];
  return {
    requestsPerSec: answered / result.duration,
    requests: answered,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    cpuMicrosPerRequest: spent('server') / answered,
    serverCores: spent('server') / elapsed,
    upstreamCores: spent('upstream') / elapsed,
    loadCores: spent('load') / elapsed,
    otherCores: Math.max(
      0,
      (spent('machine') - spent('server') - spent('upstream') - spent('load')) / elapsed,
    ),
    failures: result.non2xx + result.errors + result.timeouts + result.mismatches,
    extraUpstreamCalls: (await upstreamCalls(upstream)) - calls - answered,
  };
}

function snapshot(server: Child, upstream: Child) {
  const usage = process.cpuUsage();
  return {
    at: performance.now() * 1000,
    server: cpuMicros(server.pid),
    upstream: cpuMicros(upstream.pid),
    load: usage.user + usage.system,
    machine: machineBusyMicros(),
  };
}

async function upstreamCalls(upstream: Child): Promise<number> {
  const response = await request(`${upstream.url}_count`);
  return ((await response.body.json()) as { calls: number }).calls;
}
