import { request } from 'undici';
import { listeningOrigin, spawnGateway, type GatewayProcess } from './gateway-process';

/** A gateway process with the addresses it logged at start. */
export interface Replica {
  readonly process: GatewayProcess;
  readonly url: string;
  readonly metricsUrl: string;
}

/** Starts `count` gateway processes with one environment, as replicas behind one load balancer. */
export function startReplicas(count: number, env: Record<string, string>): Promise<Replica[]> {
  return Promise.all(
    Array.from({ length: count }, async () => {
      const process = spawnGateway({ HOST: '127.0.0.1', PORT: '0', ...env });
      const url = await listeningOrigin(process);
      const metrics = await process.waitForLog(/^metrics listening$/);
      return { process, url, metricsUrl: String(metrics.url) };
    }),
  );
}

export async function stopReplicas(replicas: readonly Replica[]): Promise<void> {
  await Promise.all(
    replicas.map(async ({ process }) => {
      process.child.kill('SIGTERM');
      await process.exit();
    }),
  );
}

/** The value of an unlabelled gauge or counter on the replica's /metrics, or undefined. */
export async function metric(replica: Replica, name: string): Promise<number | undefined> {
  const text = await (await request(replica.metricsUrl)).body.text();
  const line = text.split('\n').find((entry) => entry.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
}

/** How many of the replica's log lines have exactly this message. */
export function logCount(replica: Replica, message: string): number {
  return replica.process
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{') && JSON.parse(line).msg === message).length;
}
