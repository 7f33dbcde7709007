import type { ReplicasRun } from './phases/replicas';
import type { ReplicaFloodRun } from './phases/replicas-flood';

// The targets set for sharing: within 1.15 × the budget's minimum, and under 0.3 ms p50 for the Redis round trip.
const MAX_RATIO = 1.15;
const MAX_ADDED_P50_MS = 0.3;

/** The replicas scenario as Markdown: each flood, then the targets. */
export function replicasSection(run: ReplicasRun): string[] {
  const row = (label: string, flood: ReplicaFloodRun) => {
    const others = Object.entries(flood.otherAnswers).map(([outcome, count]) => `${outcome} ${count}`);
    return (
      `| ${label} | ${flood.succeeded} / ${flood.likes} | ${others.join(', ') || 'none'} | ${flood.upstreamCalls} | ` +
      `${flood.upstreamQueryLimitExceeded} | ${flood.seconds.toFixed(2)} | ${flood.theoreticalSeconds.toFixed(2)} | ` +
      `${flood.ratio.toFixed(3)} |`
    );
  };
  const { shared } = run;
  const ok = shared.succeeded === shared.likes && shared.upstreamQueryLimitExceeded === 0;
  return [
    `Replicas: three gateway processes behind one egress IP, each limited to ${run.perSecond}/s burst ${run.burst}, ` +
      `in front of the emulator enforcing that bucket; ${shared.likes} \`likeMessage(PLUS)\` at once, each from its ` +
      'own user (nothing can be merged), spread over the replicas.',
    '',
    '| Replicas | Succeeded | Other answers | Upstream calls | Upstream QUERY_LIMIT_EXCEEDED | Time s | Minimum s | Ratio |',
    '| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |',
    row('each on its own', run.alone),
    row('sharing Redis', shared),
    '',
    `Low load, one replica with and one without \`REDIS_URL\`: p50 ${run.p50WithMs.toFixed(3)} ms against ` +
      `${run.p50WithoutMs.toFixed(3)} ms, so a Redis round trip adds ${run.redisAddedP50Ms.toFixed(3)} ms ` +
      '(median of the per-round differences).',
    '',
    `Targets: all succeed with 0 QUERY_LIMIT_EXCEEDED and within ${MAX_RATIO} × the minimum: ` +
      `${ok && shared.ratio <= MAX_RATIO ? 'met' : 'missed'}; Redis adds under ${MAX_ADDED_P50_MS} ms p50: ` +
      `${run.redisAddedP50Ms < MAX_ADDED_P50_MS ? 'met' : 'missed'}.`,
  ];
}
