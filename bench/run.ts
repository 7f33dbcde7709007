/**
 * `npm run bench`: the gateway against the floor and two common peers, each as its own process, loaded by
 * this process in interleaved rounds; then floods of likes against Bitrix24's budget, and three replicas with and
 * without a shared Redis budget. Writes bench/results/latest.{md,json}.
 */
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { request } from 'undici';
import { LIKE_REQUEST_BODY, expectedAnswer } from './like-request';
import { ROOT } from './paths';
import { measureFixedRate, type FixedRateRun } from './phases/fixed-rate';
import { FLOOD_CASES, measureFlood, type FloodRun } from './phases/flood';
import { measureReplicas, type ReplicasSettings } from './phases/replicas';
import { measureThroughput, type ThroughputRun } from './phases/throughput';
import { replicasSection } from './replicas-report';
import { renderMarkdown, summarise, type BenchResults, type RoundResult } from './report';
import { scenarios, upstreamSpec, PROFILE_DIR, type Scenario, type ScenarioKey } from './scenarios';
import { isFullRun, readSettings } from './settings';
import { freePort, startChild, type Child } from './support/child';
import { peakRssMiB, waitForQuietMachine } from './support/proc-stats';

const log = (line: string) => process.stdout.write(`${line}\n`);

// Other processes on a shared machine skew a run: each measurement waits up to 20 s for them to stop, and a
// whole run at most 90 s, so that it stays within minutes.
const QUIET_WAIT_MS = 20_000;
const QUIET_BUDGET_MS = 90_000;

// The small fast budget at which three replicas on their own provoke hundreds of refusals.
const REPLICAS_SETTINGS: ReplicasSettings = {
  likes: 300,
  perSecond: 20,
  burst: 10,
  rate: 200,
  seconds: 4,
  rounds: 3,
};

async function main(): Promise<void> {
  const settings = readSettings(process.env);
  if (settings.replicasOnly) {
    log(replicasSection(await measureReplicas(REPLICAS_SETTINGS)).join('\n'));
    return;
  }
  const chosen = scenarios(settings).filter(
    (scenario) => scenario.key === 'floor' || !settings.only || settings.only.includes(scenario.key),
  );
  const upstream = await startChild(upstreamSpec(await freePort()));
  const expected = expectedAnswer(new URL(upstream.url).host);
  const servers = new Map<ScenarioKey, Verified>();
  const rounds: RoundResult[] = [];
  const peakRss: Partial<Record<ScenarioKey, number>> = {};
  let quietWaitMs = 0;
  try {
    for (const scenario of chosen)
      servers.set(scenario.key, await startVerified(scenario, upstream, expected));
    log(`${chosen.length} servers answer correctly; ${settings.rounds} rounds on ${cpus().length} cores`);
    for (let round = 1; round <= settings.rounds; round++) {
      const throughput: Partial<Record<ScenarioKey, ThroughputRun>> = {};
      const fixedRate: Partial<Record<ScenarioKey, FixedRateRun>> = {};
      for (const scenario of chosen) {
        const { child, body } = server(servers, scenario.key);
        quietWaitMs += await waitForQuietMachine(Math.min(QUIET_WAIT_MS, QUIET_BUDGET_MS - quietWaitMs));
        const run = await measureThroughput(child, upstream, body, settings);
        throughput[scenario.key] = run;
        log(
          `round ${round} ${scenario.key}: ${run.requestsPerSec.toFixed(0)} req/s, ` +
            `${run.cpuMicrosPerRequest.toFixed(0)} us CPU/request, p50 ${run.p50Ms} ms, p99 ${run.p99Ms} ms, ` +
            `failures ${run.failures}, upstream calls beyond answers ${run.extraUpstreamCalls} ` +
            `(in flight at the edges), cores: server ${run.serverCores.toFixed(2)}, ` +
            `upstream ${run.upstreamCores.toFixed(2)}, load ${run.loadCores.toFixed(2)}, ` +
            `other processes ${run.otherCores.toFixed(2)}`,
        );
      }
      for (const scenario of chosen) {
        const { child, body } = server(servers, scenario.key);
        quietWaitMs += await waitForQuietMachine(Math.min(QUIET_WAIT_MS, QUIET_BUDGET_MS - quietWaitMs));
        const run = await measureFixedRate(child, body, settings);
        fixedRate[scenario.key] = run;
        log(
          `round ${round} ${scenario.key} at ${settings.rate} req/s: p50 ${run.p50Ms.toFixed(3)} ms, ` +
            `p99 ${run.p99Ms.toFixed(3)} ms, ${run.cpuMicrosPerRequest.toFixed(0)} us CPU/request, ` +
            `failures ${run.failures}`,
        );
      }
      rounds.push({ round, throughput, fixedRate });
    }
    for (const [key, { child }] of servers) peakRss[key] = peakRssMiB(child.pid);
  } finally {
    await Promise.all(
      [...[...servers.values()].map(({ child }) => child), upstream].map((child) => child.stop()),
    );
  }
  if (settings.profile) log(`CPU profile of ${settings.profile} written to ${PROFILE_DIR}`);

  const floods: FloodRun[] = [];
  for (const flood of settings.limited ? FLOOD_CASES : []) {
    const run = await measureFlood(flood);
    floods.push(run);
    log(
      `flood ${run.label}: ${run.succeeded}/${run.likes} succeeded, ${run.applied} applied, ` +
        `${run.httpRequests} requests (${run.batchRequests} batch), ` +
        `${run.upstreamQueryLimitExceeded} QUERY_LIMIT_EXCEEDED, ${run.seconds.toFixed(2)} s, ` +
        `${run.cpuMicrosPerLike.toFixed(0)} us CPU per like`,
    );
  }
  const results: BenchResults = {
    date: new Date().toISOString(),
    machine: { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, node: process.version },
    settings,
    scenarios: summarise(chosen, rounds, peakRss),
    rounds,
    floods,
    replicas: settings.replicas ? await measureReplicas(REPLICAS_SETTINGS) : undefined,
    quietWaitSeconds: Math.round(quietWaitMs / 1000),
  };
  const markdown = renderMarkdown(results);
  log(`\n${markdown}`);
  if (isFullRun(settings)) {
    writeFileSync(resolve(ROOT, 'bench/results/latest.md'), markdown);
    writeFileSync(resolve(ROOT, 'bench/results/latest.json'), `${JSON.stringify(results, null, 2)}\n`);
    log('written to bench/results/latest.md and latest.json');
  }
}

interface Verified {
  readonly child: Child;
  /** The exact answer this server gives: the expected JSON, with the newline some servers end it with. */
  readonly body: string;
}

function server(servers: Map<ScenarioKey, Verified>, key: ScenarioKey): Verified {
  const verified = servers.get(key);
  if (!verified) throw new Error(`${key} is not running`);
  return verified;
}

/** Starts a scenario's process and checks that it answers the mutation exactly as expected. */
async function startVerified(scenario: Scenario, upstream: Child, expected: string): Promise<Verified> {
  const child = await startChild(scenario.spec(new URL(upstream.url).origin, await freePort()));
  const response = await request(child.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: LIKE_REQUEST_BODY,
  });
  const body = await response.body.text();
  if (response.statusCode !== 200 || body.trimEnd() !== expected) {
    await child.stop();
    throw new Error(`${scenario.key} answered HTTP ${response.statusCode} ${body}\nexpected ${expected}`);
  }
  return { child, body };
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
