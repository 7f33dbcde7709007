import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { request } from 'undici';

/** A server the harness started as its own process. */
export interface Child {
  readonly name: string;
  readonly pid: number;
  readonly url: string;
  /** What the process wrote to stderr, for a failure message. */
  stderr(): string;
  stop(): Promise<void>;
}

export interface ChildSpec {
  readonly name: string;
  readonly script: string;
  readonly env: Record<string, string>;
  readonly nodeArgs?: readonly string[];
  readonly port: number;
  /** Path probed until the process answers; the URL handed out. */
  readonly path: string;
  /** CPUs the process may run on (`taskset -c` syntax), to keep it off the load generator's core. */
  readonly cpus?: string;
}

// Children die with the harness, however it ends: a server left behind would skew every later run.
const running = new Set<ChildProcess>();
process.once('exit', () => running.forEach((child) => child.kill('SIGKILL')));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

/** A port nobody listens on right now: the child binds it a moment later. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts `node <script>`; stdout (the gateway's logs) goes nowhere, as a container runtime would take it. */
export async function startChild(spec: ChildSpec): Promise<Child> {
  const args = [...(spec.nodeArgs ?? []), spec.script];
  const [command, commandArgs] = spec.cpus
    ? ['taskset', ['-c', spec.cpus, process.execPath, ...args]]
    : [process.execPath, args];
  const child = spawn(command, commandArgs, {
    env: { PATH: process.env.PATH ?? '', ...spec.env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-20_000)));
  const url = `http://127.0.0.1:${spec.port}${spec.path}`;
  await waitUntilListening(child, spec.port, () => stderr, spec.name);
  return { name: spec.name, pid: child.pid as number, url, stderr: () => stderr, stop: () => stop(child) };
}

async function waitUntilListening(child: ChildProcess, port: number, stderr: () => string, name: string) {
  const until = Date.now() + 20_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${stderr()}`);
    try {
      const response = await request(`http://127.0.0.1:${port}/`, { method: 'GET' });
      await response.body.dump();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  child.kill('SIGKILL');
  throw new Error(`${name} did not listen on ${port} within 20 s:\n${stderr()}`);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}
