import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';

/** From the Debian/Ubuntu package of the same name; test/support/prerequisites.ts says so when it is missing. */
export const REDIS_SERVER = 'redis-server';
const START_TIMEOUT_MS = 10_000;

/** A redis-server of the test's own, on a free loopback port, that never writes anything to disk. */
export interface RedisServer {
  readonly port: number;
  /** `redis://[:password@]127.0.0.1:port` */
  readonly url: string;
  /** SIGKILL: the server and its data are gone, as in a crash. */
  kill(): Promise<void>;
  /** Starts it again, empty, on the same port. */
  restart(): Promise<void>;
  /** SIGSTOP or SIGCONT: the server stops answering, its connections stay open. */
  pause(paused: boolean): void;
  stop(): Promise<void>;
}

export async function startRedis(password?: string): Promise<RedisServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'redis-test-'));
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  const allArgs = [...args, '--dir', dir, ...(password ? ['--requirepass', password] : [])];
  let child = await launch(allArgs, port);
  const auth = password ? `:${encodeURIComponent(password)}@` : '';
  return {
    port,
    url: `redis://${auth}127.0.0.1:${port}`,
    kill: () => end(child, 'SIGKILL'),
    restart: async () => {
      child = await launch(allArgs, port);
    },
    pause: (paused) => void child.kill(paused ? 'SIGSTOP' : 'SIGCONT'),
    stop: async () => {
      child.kill('SIGCONT');
      await end(child, 'SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function launch(args: string[], port: number): Promise<ChildProcess> {
  const child = spawn(REDIS_SERVER, args, { stdio: 'ignore' });
  const failed = once(child, 'error').then(([error]) => {
    throw new Error(`${REDIS_SERVER} did not start: ${(error as Error).message}`);
  });
  await Promise.race([answersPing(port), failed]);
  return child;
}

/** Polls until the server answers PING (or refuses it for want of a password): it is then ready. */
async function answersPing(port: number): Promise<void> {
  const until = Date.now() + START_TIMEOUT_MS;
  while (!(await pinged(port))) {
    if (Date.now() > until) throw new Error(`${REDIS_SERVER} did not answer on port ${port} in time`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function pinged(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(/^(\+PONG|-NOAUTH)/.test(data.toString()));
    });
    socket.once('error', () => resolve(false));
    socket.setTimeout(500, () => {
      socket.destroy();
      resolve(false);
    });
  });
}

async function end(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill(signal);
  await exited;
}
