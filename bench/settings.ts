import { SCENARIO_KEYS, type ScenarioKey } from './scenarios';

/** Knobs for a run, from the environment; the defaults are the published run. */
export interface BenchSettings {
  readonly rounds: number;
  readonly connections: number;
  readonly seconds: number;
  readonly warmupSeconds: number;
  readonly rate: number;
  readonly rateSeconds: number;
  /** Scenarios to run besides the floor, which every ratio needs. */
  readonly only: readonly ScenarioKey[] | null;
  readonly limited: boolean;
  /** Three replicas with and without Redis (BENCH_REPLICAS=off skips it; BENCH_ONLY=replicas runs only it). */
  readonly replicas: boolean;
  readonly replicasOnly: boolean;
  /** Run this scenario under `node --cpu-prof`; its profile lands in dist-tools/profiles. */
  readonly profile: ScenarioKey | undefined;
  /** Extra settings for the gateway (`BENCH_GATEWAY_ENV=LOG_LEVEL=warn,BITRIX24_RETRIES=0`), to compare them. */
  readonly gatewayEnv: Readonly<Record<string, string>>;
}

export function readSettings(env: NodeJS.ProcessEnv): BenchSettings {
  const keys = env.BENCH_ONLY ? env.BENCH_ONLY.split(',').map((key) => key.trim()) : null;
  const replicasOnly = keys?.length === 1 && keys[0] === 'replicas';
  const only = keys && !replicasOnly ? keys.map(scenarioKey) : null;
  return {
    rounds: number(env.BENCH_ROUNDS, 3),
    connections: number(env.BENCH_CONNECTIONS, 50),
    seconds: number(env.BENCH_SECONDS, 10),
    warmupSeconds: number(env.BENCH_WARMUP_SECONDS, 3),
    rate: number(env.BENCH_RATE, 200),
    rateSeconds: number(env.BENCH_RATE_SECONDS, 8),
    only,
    limited: env.BENCH_LIMITED !== 'off',
    replicas: env.BENCH_REPLICAS !== 'off',
    replicasOnly,
    profile: env.BENCH_PROFILE ? scenarioKey(env.BENCH_PROFILE) : undefined,
    gatewayEnv: Object.fromEntries(
      (env.BENCH_GATEWAY_ENV ?? '')
        .split(',')
        .filter(Boolean)
        .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
    ),
  };
}

/** Whether this run is the published one, whose results may replace bench/results/latest.*. */
export function isFullRun(settings: BenchSettings): boolean {
  return (
    settings.only === null &&
    !settings.replicasOnly &&
    settings.limited &&
    settings.replicas &&
    settings.profile === undefined &&
    Object.keys(settings.gatewayEnv).length === 0
  );
}

function scenarioKey(value: string): ScenarioKey {
  const key = SCENARIO_KEYS.find((candidate) => candidate === value);
  if (!key) throw new Error(`unknown scenario "${value}"; use one of ${SCENARIO_KEYS.join(', ')}`);
  return key;
}

function number(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!(parsed > 0)) throw new Error(`expected a positive number, got "${value}"`);
  return parsed;
}
