import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'undici';
import { LIKE_REQUEST_BODY } from '../like-request';
import type { Child } from '../support/child';
import { cpuMicros } from '../support/proc-stats';
import { percentile } from '../support/stats';

export interface FixedRateSettings {
  readonly rate: number;
  readonly seconds: number;
}

/** Latency at a low, steady rate: what one request costs when nothing queues. */
export interface FixedRateRun {
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly requests: number;
  /** Server CPU per request at this rate: with nothing to batch, what added latency is mostly made of. */
  readonly cpuMicrosPerRequest: number;
  readonly failures: number;
}

const WARMUP_SECONDS = 1;

/**
 * Sends requests on a fixed schedule (`rate` per second) over one keep-alive connection and times each with
 * the high-resolution clock. autocannon is not used here: it records latencies in whole milliseconds, and at
 * a fixed rate it adds coordinated-omission samples, while the difference sought is a fraction of one.
 */
export async function measureFixedRate(
  server: Child,
  expectedBody: string,
  settings: FixedRateSettings,
): Promise<FixedRateRun> {
  const url = new URL(server.url);
  const client = new Client(url.origin, { pipelining: 1, keepAliveTimeout: 60_000 });
  try {
    await run(client, url.pathname, expectedBody, settings.rate, WARMUP_SECONDS);
    const cpuBefore = cpuMicros(server.pid);
    const { latencies, failures } = await run(
      client,
      url.pathname,
      expectedBody,
      settings.rate,
      settings.seconds,
    );
    return {
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      requests: latencies.length,
      cpuMicrosPerRequest: (cpuMicros(server.pid) - cpuBefore) / latencies.length,
      failures,
    };
  } finally {
    await client.close();
  }
}

async function run(client: Client, path: string, expectedBody: string, rate: number, seconds: number) {
  const intervalMs = 1000 / rate;
  const count = Math.round(rate * seconds);
  const latencies: number[] = [];
  let failures = 0;
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const due = start + i * intervalMs - performance.now();
    if (due > 0) await sleep(due);
    const sent = process.hrtime.bigint();
    const response = await client.request({
      path,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: LIKE_REQUEST_BODY,
    });
    const body = await response.body.text();
    latencies.push(Number(process.hrtime.bigint() - sent) / 1e6);
    if (response.statusCode !== 200 || body !== expectedBody) failures += 1;
  }
  return { latencies, failures };
}
