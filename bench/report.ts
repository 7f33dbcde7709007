import type { FixedRateRun } from './phases/fixed-rate';
import type { FloodRun } from './phases/flood';
import type { ReplicasRun } from './phases/replicas';
import { replicasSection } from './replicas-report';
import type { ThroughputRun } from './phases/throughput';
import type { Scenario, ScenarioKey } from './scenarios';
import type { BenchSettings } from './settings';
import { median, round } from './support/stats';

export interface RoundResult {
  readonly round: number;
  readonly throughput: Partial<Record<ScenarioKey, ThroughputRun>>;
  readonly fixedRate: Partial<Record<ScenarioKey, FixedRateRun>>;
}

/** One scenario over all rounds; every ratio and difference is taken within a round, then the median. */
export interface ScenarioSummary {
  readonly key: ScenarioKey;
  readonly label: string;
  readonly requestsPerSec: number;
  readonly ratioToFloor: number;
  readonly ratioToFloorPerRound: number[];
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly cpuMicrosPerRequest: number;
  readonly cpuToFloor: number;
  readonly peakRssMiB: number;
  readonly lowLoadP50Ms: number;
  readonly lowLoadP99Ms: number;
  readonly addedP50Ms: number;
  readonly addedP99Ms: number;
  readonly lowLoadCpuMicrosPerRequest: number;
  readonly failures: number;
}

export interface BenchResults {
  readonly date: string;
  readonly machine: { readonly cpu: string; readonly cores: number; readonly node: string };
  readonly settings: BenchSettings;
  readonly scenarios: ScenarioSummary[];
  readonly rounds: RoundResult[];
  readonly floods: readonly FloodRun[];
  readonly replicas: ReplicasRun | undefined;
  /** Time spent waiting for other processes to go quiet before measurements. */
  readonly quietWaitSeconds: number;
}

export function summarise(
  chosen: readonly Scenario[],
  rounds: readonly RoundResult[],
  peakRss: Partial<Record<ScenarioKey, number>>,
): ScenarioSummary[] {
  const load = (key: ScenarioKey) => rounds.map((r) => r.throughput[key] as ThroughputRun);
  const low = (key: ScenarioKey) => rounds.map((r) => r.fixedRate[key] as FixedRateRun);
  const floorLoad = load('floor');
  const floorLow = low('floor');
  return chosen.map(({ key, label }) => {
    const runs = load(key);
    const lows = low(key);
    const perRound = runs.map(
      (run, i) => run.requestsPerSec / (floorLoad[i] as ThroughputRun).requestsPerSec,
    );
    return {
      key,
      label,
      requestsPerSec: round(median(runs.map((run) => run.requestsPerSec)), 0),
      ratioToFloor: round(median(perRound), 3),
      ratioToFloorPerRound: perRound.map((ratio) => round(ratio, 3)),
      p50Ms: median(runs.map((run) => run.p50Ms)),
      p99Ms: median(runs.map((run) => run.p99Ms)),
      cpuMicrosPerRequest: round(median(runs.map((run) => run.cpuMicrosPerRequest)), 1),
      cpuToFloor: round(
        median(
          runs.map((run, i) => run.cpuMicrosPerRequest / (floorLoad[i] as ThroughputRun).cpuMicrosPerRequest),
        ),
        2,
      ),
      peakRssMiB: round(peakRss[key] ?? NaN, 1),
      lowLoadP50Ms: round(median(lows.map((run) => run.p50Ms)), 3),
      lowLoadP99Ms: round(median(lows.map((run) => run.p99Ms)), 3),
      addedP50Ms: round(median(lows.map((run, i) => run.p50Ms - (floorLow[i] as FixedRateRun).p50Ms)), 3),
      addedP99Ms: round(median(lows.map((run, i) => run.p99Ms - (floorLow[i] as FixedRateRun).p99Ms)), 3),
      lowLoadCpuMicrosPerRequest: round(median(lows.map((run) => run.cpuMicrosPerRequest)), 1),
      failures:
        runs.reduce((sum, run) => sum + run.failures, 0) + lows.reduce((sum, run) => sum + run.failures, 0),
    };
  });
}

export function renderMarkdown(results: BenchResults): string {
  const { settings, machine } = results;
  const lines = [
    '# Benchmark results',
    '',
    `${results.date}, Node ${machine.node}, ${machine.cores} × ${machine.cpu}. The servers, the fake upstream and ` +
      'the load generator share these cores, so req/s depends on the machine; the ratios to the floor within ' +
      'a round and the CPU per request are the figures to compare.',
    '',
    `Throughput: ${settings.connections} connections, ${settings.warmupSeconds} s warm-up then ` +
      `${settings.seconds} s per scenario, ${settings.rounds} interleaved rounds; medians over rounds.`,
    '',
    '| Scenario | req/s | ratio to floor (per round) | p50 / p99 ms | CPU µs/request | CPU vs floor | peak RSS MiB |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...results.scenarios.map(
      (s) =>
        `| ${s.label} | ${s.requestsPerSec} | ${s.ratioToFloor.toFixed(2)} (${s.ratioToFloorPerRound
          .map((ratio) => ratio.toFixed(2))
          .join(', ')}) | ${s.p50Ms} / ${s.p99Ms} | ${s.cpuMicrosPerRequest.toFixed(0)} | ` +
        `${s.cpuToFloor.toFixed(2)} | ${s.peakRssMiB.toFixed(0)} |`,
    ),
    '',
    `Low load: ${settings.rate} requests/s on one keep-alive connection for ${settings.rateSeconds} s per round; ` +
      'latency as the client sees it, in µs resolution; added = this scenario minus the floor in the same round.',
    '',
    '| Scenario | p50 ms | p99 ms | added p50 ms | added p99 ms | CPU µs/request |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...results.scenarios.map(
      (s) =>
        `| ${s.label} | ${s.lowLoadP50Ms.toFixed(3)} | ${s.lowLoadP99Ms.toFixed(3)} | ` +
        `${s.addedP50Ms.toFixed(3)} | ${s.addedP99Ms.toFixed(3)} | ${s.lowLoadCpuMicrosPerRequest.toFixed(0)} |`,
    ),
    '',
    `Other processes on the machine used up to ${maxOtherCores(results.rounds).toFixed(2)} cores during the ` +
      `throughput runs (measurements first waited for them to go quiet: ${results.quietWaitSeconds} s in all, at ` +
      'most 20 s each and 90 s a run).',
    '',
    `Every answer was checked byte for byte; failures over all runs: ${results.scenarios
      .map((s) => `${s.key} ${s.failures}`)
      .join(', ')}.`,
  ];
  if (results.floods.length > 0) lines.push('', ...floodSection(results.floods));
  if (results.replicas) lines.push('', ...replicasSection(results.replicas));
  const gateway = results.scenarios.find((s) => s.key === 'gateway');
  const apolloAlone = results.scenarios.filter((s) => s.key in APOLLO_ALONE);
  if (gateway) lines.push('', ...targetsSection(gateway, apolloAlone, results.floods));
  return `${lines.join('\n')}\n`;
}

interface Target {
  readonly name: string;
  readonly measure: (s: ScenarioSummary) => string;
  readonly met: (s: ScenarioSummary) => boolean;
}

const SPEED_TARGETS: readonly Target[] = [
  {
    name: 'throughput ≥ 0.65 of the floor',
    measure: (s) => s.ratioToFloor.toFixed(2),
    met: (s) => s.ratioToFloor >= 0.65,
  },
  {
    name: 'CPU per request ≤ 1.6 × the floor',
    measure: (s) => `${s.cpuToFloor.toFixed(2)} ×`,
    met: (s) => s.cpuToFloor <= 1.6,
  },
  {
    name: 'added p50 at low load ≤ 0.2 ms',
    measure: (s) => `${s.addedP50Ms.toFixed(3)} ms`,
    met: (s) => s.addedP50Ms <= 0.2,
  },
  {
    name: 'p99 at low load < 2 ms',
    measure: (s) => `${s.lowLoadP99Ms.toFixed(3)} ms`,
    met: (s) => s.lowLoadP99Ms < 2,
  },
];

// Apollo Server with nothing of the gateway's, on the two HTTP layers measured: the columns beside the gateway's.
const APOLLO_ALONE: Partial<Record<ScenarioKey, string>> = {
  'apollo-http': 'Apollo alone on node:http',
  'apollo-fastify': 'Apollo alone on Fastify',
};

/**
 * Each target for the gateway and, beside it, for Apollo Server with nothing else: a throughput, CPU or latency
 * target that Apollo alone misses on both HTTP layers is out of reach for a gateway that keeps Apollo Server,
 * unless the floor misses it too (the machine's own limit).
 */
function targetsSection(
  gateway: ScenarioSummary,
  apolloAlone: readonly ScenarioSummary[],
  floods: readonly FloodRun[],
): string[] {
  const yes = (met: boolean) => (met ? 'yes' : 'no');
  const rows = SPEED_TARGETS.map(({ name, measure, met }) => {
    const beside = apolloAlone.map((s) => ` ${measure(s)} (${yes(met(s))}) |`).join('');
    return `| ${name} | ${measure(gateway)} | ${yes(met(gateway))} |${beside}`;
  });
  for (const flood of floods) {
    if (flood.targetSeconds === undefined) continue;
    const ok =
      flood.succeeded === flood.likes &&
      flood.applied === flood.likes &&
      flood.upstreamQueryLimitExceeded === 0;
    rows.push(
      `| ${flood.label}: all succeed once, 0 QUERY_LIMIT_EXCEEDED, ≤ ${flood.targetSeconds} s | ` +
        `${flood.succeeded}/${flood.likes}, ${flood.applied}, ${flood.upstreamQueryLimitExceeded}, ` +
        `${flood.seconds.toFixed(2)} s | ${yes(ok && flood.seconds <= flood.targetSeconds)} |` +
        apolloAlone.map(() => ' |').join(''),
    );
  }
  const names = apolloAlone.map((s) => ` ${APOLLO_ALONE[s.key]} (met) |`).join('');
  return [
    apolloAlone.length > 0
      ? 'The gateway against its targets (medians of the rounds above), beside Apollo Server with nothing else:'
      : 'The gateway against its targets (medians of the rounds above):',
    '',
    `| Target | Gateway | Met |${names}`,
    `| --- | ---: | --- |${apolloAlone.map(() => ' ---: |').join('')}`,
    ...rows,
  ];
}

function maxOtherCores(rounds: readonly RoundResult[]): number {
  return Math.max(
    0,
    ...rounds.flatMap((r) => Object.values(r.throughput).map((run) => run?.otherCores ?? 0)),
  );
}

function floodSection(runs: readonly FloodRun[]): string[] {
  const [first] = runs as [FloodRun];
  return [
    `Floods: likes (PLUS, each on its own message) sent at once, each on its own connection, to the gateway ` +
      `limited to ${first.perSecond}/s burst ${first.burst}, in front of the emulator enforcing the same leaky ` +
      'bucket; the gateway coalesces them into `batch` requests.',
    '',
    '| Flood | Succeeded | Other answers | Applied | HTTP requests (batch) | QUERY_LIMIT_EXCEEDED | Time s | One call each, at least s | CPU µs per like |',
    '| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...runs.map((run) => {
      const others = Object.entries(run.otherAnswers).map(([outcome, count]) => `${outcome} ${count}`);
      return (
        `| ${run.label} | ${run.succeeded} / ${run.likes} | ${others.join(', ') || 'none'} | ${run.applied} | ` +
        `${run.httpRequests} (${run.batchRequests}) | ${run.upstreamQueryLimitExceeded} | ${run.seconds.toFixed(2)} | ` +
        `${run.oneCallEachSeconds.toFixed(0)} | ${run.cpuMicrosPerLike.toFixed(0)} |`
      );
    }),
  ];
}
