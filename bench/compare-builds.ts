/**
 * `npm run bench:compare -- <build> <build> [...]`: CPU per request of two or more builds of the gateway, to tell
 * whether a change to the code pays. A build is a directory holding a built `index.js` (`dist/`, or a copy of it
 * made before a change), optionally followed by `|KEY=VALUE|...` settings. Each build runs as its own process on
 * core 0 (the load and the fake upstream keep to core 1) and is loaded in short slices, alternating with the
 * others, so that the machine's drift reaches every build alike; the figure to read is the median of the
 * per-slice ratios to the first build. Comparing a build with itself shows how far apart equal builds land.
 */
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { Pool } from 'undici';
import { LIKE_REQUEST_BODY, WEBHOOK_PATH, expectedAnswer } from './like-request';
import { gatewaySpec, UNLIMITED, upstreamSpec } from './scenarios';
import { median } from './support/stats';
import { freePort, startChild, type Child } from './support/child';
import { cpuMicros } from './support/proc-stats';

const SLICES = Number(process.env.BENCH_SLICES ?? 20);
const SLICE_MS = Number(process.env.BENCH_SLICE_MS ?? 1_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
// Two processes of one build can settle at speeds 10-15 % apart for their whole life (JIT and heap layout), more
// than slices can average out: each build runs as several processes and a slice takes their mean.
const INSTANCES = Number(process.env.BENCH_INSTANCES ?? 3);
const WARM_UP_MS = 3_000;

interface Build {
  readonly label: string;
  readonly instances: Child[];
  readonly cpuPerRequest: number[];
}

async function main(): Promise<void> {
  const specs = process.argv.slice(2);
  if (specs.length < 2) throw new Error('usage: compare-builds <build>[|KEY=VALUE...] <build>[|...] [...]');
  // The harness and the fake upstream take core 1; each build gets core 0 to itself while it is loaded.
  const pinned = availableParallelism() >= 2;
  if (pinned) execFileSync('taskset', ['-cp', '1', String(process.pid)], { stdio: 'ignore' });
  const upstream = await startChild(upstreamSpec(await freePort()));
  const origin = new URL(upstream.url).origin;
  const expected = expectedAnswer(new URL(upstream.url).host);
  const builds: Build[] = [];
  try {
    for (const spec of specs) {
      const [directory = '', ...settings] = spec.split('|');
      const env = Object.fromEntries(settings.map((pair) => pair.split(/=(.*)/s).slice(0, 2)));
      const build: Build = { label: spec, instances: [], cpuPerRequest: [] };
      builds.push(build);
      for (let i = 0; i < INSTANCES; i++) {
        const port = await freePort();
        build.instances.push(
          await startChild({
            ...gatewaySpec(`${origin}${WEBHOOK_PATH}`, port, UNLIMITED, [], env),
            script: resolve(directory, 'index.js'),
            ...(pinned ? { cpus: '0' } : {}),
          }),
        );
      }
    }
    for (const child of builds.flatMap((build) => build.instances)) await load(child, WARM_UP_MS, expected);
    for (let slice = 0; slice < SLICES; slice++) {
      // Alternating the order cancels the advantage of going first or last in a slice.
      for (const build of slice % 2 === 0 ? builds : [...builds].reverse()) {
        const perInstance: number[] = [];
        for (const child of build.instances) {
          const before = cpuMicros(child.pid);
          const answered = await load(child, SLICE_MS, expected);
          perInstance.push((cpuMicros(child.pid) - before) / answered);
        }
        build.cpuPerRequest.push(perInstance.reduce((sum, value) => sum + value, 0) / perInstance.length);
      }
    }
  } finally {
    const children = [...builds.flatMap((build) => build.instances), upstream];
    await Promise.all(children.map((child) => child.stop()));
  }
  report(builds);
}

/** Keeps CONNECTIONS requests in flight for `ms`; returns how many were answered, each checked exactly. */
async function load(server: Child, ms: number, expected: string): Promise<number> {
  const url = new URL(server.url);
  const pool = new Pool(url.origin, { connections: CONNECTIONS });
  const until = Date.now() + ms;
  let answered = 0;
  const client = async () => {
    while (Date.now() < until) {
      const response = await pool.request({
        path: url.pathname,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: LIKE_REQUEST_BODY,
      });
      const body = await response.body.text();
      if (response.statusCode !== 200 || body.trimEnd() !== expected) {
        throw new Error(`${server.name} answered HTTP ${response.statusCode} ${body}`);
      }
      answered += 1;
    }
  };
  try {
    await Promise.all(Array.from({ length: CONNECTIONS }, client));
  } finally {
    await pool.close();
  }
  return answered;
}

function report(builds: readonly Build[]): void {
  const [first] = builds as [Build];
  process.stdout.write(
    `${SLICES} slices, each loading every process for ${SLICE_MS} ms with ${CONNECTIONS} connections; ` +
      `${INSTANCES} processes a build\n`,
  );
  for (const build of builds) {
    const ratios = build.cpuPerRequest.map((micros, i) => micros / (first.cpuPerRequest[i] as number));
    process.stdout.write(
      `${build.label}: ${median(build.cpuPerRequest).toFixed(0)} us CPU/request (median), ` +
        `${median(ratios).toFixed(3)} of the first build (median of per-slice ratios)\n`,
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`compare-builds failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
