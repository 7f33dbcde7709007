/**
 * Soak test: drives the gateway against the emulator with a steady mix of mutations and injected faults
 * for a while, forcing GC between samples, and reports whether the heap stays flat.
 * Run with `npm run soak` (SOAK_SECONDS, default 180; SOAK_CONCURRENCY, default 16).
 */
import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { request } from 'undici';
import { DEFAULT_RESILIENCE } from '../src/bitrix24/resilience-settings';
import { parseWebhookUrl } from '../src/bitrix24/portal';
import { startEmulator } from '../src/emulator/emulator-server';
import { Secret } from '../src/secret';
import { buildGateway } from '../src/server';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 180);
const CONCURRENCY = Number(process.env.SOAK_CONCURRENCY ?? 16);
const SAMPLE_EVERY_MS = 10_000;
const FAULTS = [
  { kind: 'delay', ms: 300 },
  { kind: 'hang' },
  { kind: 'reset', phase: 'before-apply' },
  { kind: 'reset', phase: 'after-apply' },
  { kind: 'error', status: 500, error: 'INTERNAL_SERVER_ERROR', error_description: 'Internal server error' },
  { kind: 'error', status: 503, error: 'QUERY_LIMIT_EXCEEDED', error_description: 'Too many requests' },
  { kind: 'raw', status: 502, contentType: 'text/html', body: '<html>Bad Gateway</html>' },
  { kind: 'raw', status: 200, body: '{"result":tr' },
];
const ACTIONS = ['PLUS', 'MINUS', 'AUTO'];
const QUERY = `mutation ($id: ID!, $action: LikeAction) { likeMessage(messageId: $id, action: $action) {
  __typename ... on Bitrix24Error { code } } }`;

async function main(): Promise<void> {
  if (typeof global.gc !== 'function') throw new Error('run with node --expose-gc');
  const emulator = await startEmulator({ rateLimit: false });
  const gateway = await buildGateway({
    bitrix24: {
      webhook: parseWebhookUrl(new Secret(emulator.webhookUrl(1))),
      privateHosts: [],
      portals: [],
      timeoutMs: 2_000,
      useEmulator: false,
    },
    logger: pino({ level: 'silent' }),
    // Far above the offered load: the soak is about faults and memory, not about pacing.
    resilience: {
      ...DEFAULT_RESILIENCE,
      rateLimit: { perSecond: 100_000, burst: 100_000 },
      breakerCooldownMs: 500,
    },
  });
  await gateway.app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(gateway.app.server.address() as AddressInfo).port}/graphql`;
  const outcomes = new Map<string, number>();
  const until = Date.now() + SECONDS * 1000;

  const worker = async (index: number) => {
    for (let n = 0; Date.now() < until; n++) {
      const id = String(1 + ((index * 7 + n) % 20));
      const action = ACTIONS[n % ACTIONS.length];
      const response = await request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: QUERY, variables: { id, action } }),
      });
      const body = (await response.body.json()) as {
        data?: { likeMessage?: { __typename: string } };
        errors?: Array<{ extensions?: { code?: string } }>;
      };
      const outcome =
        body.data?.likeMessage?.__typename ??
        body.errors?.[0]?.extensions?.code ??
        `HTTP ${response.statusCode}`;
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }
  };
  const injector = async () => {
    for (let n = 0; Date.now() < until; n++) {
      await control(emulator.origin, 'POST', '/faults', FAULTS[n % FAULTS.length]);
      if (n % 50 === 0) await control(emulator.origin, 'DELETE', '/calls');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  const samples: number[] = [];
  const sampler = setInterval(() => {
    global.gc?.();
    const heapMb = process.memoryUsage().heapUsed / 1024 / 1024;
    samples.push(heapMb);
    const total = [...outcomes.values()].reduce((sum, count) => sum + count, 0);
    process.stdout.write(`t=${samples.length * 10}s heapAfterGC=${heapMb.toFixed(1)}MB requests=${total}\n`);
  }, SAMPLE_EVERY_MS);

  await Promise.all([injector(), ...Array.from({ length: CONCURRENCY }, (_, index) => worker(index))]);
  clearInterval(sampler);
  await gateway.close();
  await emulator.close();
  report(samples, outcomes);
}

function report(samples: number[], outcomes: Map<string, number>): void {
  // The first samples include warm-up (JIT, caches, pools); flatness is judged from the second third on.
  const steady = samples.slice(Math.floor(samples.length / 3));
  const first = steady[0] ?? 0;
  const last = steady[steady.length - 1] ?? 0;
  const growth = first > 0 ? (last - first) / first : 0;
  process.stdout.write(`outcomes: ${JSON.stringify(Object.fromEntries(outcomes))}\n`);
  process.stdout.write(
    `heap after GC, steady state: first ${first.toFixed(1)} MB, last ${last.toFixed(1)} MB, growth ${(growth * 100).toFixed(1)}%\n`,
  );
  if (growth > 0.2) {
    process.stdout.write('FAIL: heap grew by more than 20% in steady state\n');
    process.exitCode = 1;
  }
}

async function control(
  origin: string,
  method: 'POST' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<void> {
  const response = await request(`${origin}/_emulator${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  await response.body.dump();
}

main().catch((error: unknown) => {
  process.stderr.write(`soak failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
