import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';

const MAIN = resolve(__dirname, '../../dist/index.js');

export interface GatewayProcess {
  readonly child: ChildProcess;
  /** Everything the process wrote so far, stdout and stderr interleaved. */
  output(): string;
  /** Resolves with the `nth` (first by default) JSON log line whose `msg` matches. */
  waitForLog(pattern: RegExp, timeoutMs?: number, nth?: number): Promise<Record<string, unknown>>;
  /** Every complete JSON log line whose `msg` matches, so far. */
  logs(pattern: RegExp): Record<string, unknown>[];
  exit(): Promise<number | null>;
}

/** The gateway's listening line: `GraphQL API listening at http://127.0.0.1:PORT/graphql (mode)`. */
export const LISTENING = /^GraphQL API listening at /;

/** The origin a listening line names, e.g. `http://127.0.0.1:41234`. */
export function originOf(line: Record<string, unknown>): string {
  return new URL(String(line.msg).replace(LISTENING, '').split(' ')[0]!).origin;
}

/** Waits for the `nth` (first by default) listening line of a gateway process and returns its origin. */
export async function listeningOrigin(
  gateway: GatewayProcess,
  timeoutMs?: number,
  nth?: number,
): Promise<string> {
  return originOf(await gateway.waitForLog(LISTENING, timeoutMs, nth));
}

/** Runs `dist/index.js` (as `npm start` does) with exactly the given environment plus PATH. */
export function spawnGateway(env: Record<string, string>): GatewayProcess {
  const child = spawn(process.execPath, [MAIN], {
    // A random metrics port, so that parallel test processes never collide on the default one.
    env: { PATH: process.env.PATH ?? '', METRICS_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return watchProcess(child);
}

/** Collects a child's output and reads its JSON log lines; any process that logs as the gateway does. */
export function watchProcess(child: ChildProcess): GatewayProcess {
  let output = '';
  const listeners = new Set<() => void>();
  const append = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    listeners.forEach((listener) => listener());
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  // 'close', not 'exit': only then has all of the child's output been read.
  const exited = once(child, 'close').then(([code]) => code as number | null);
  const logs = (pattern: RegExp) => jsonLines(output).filter((entry) => pattern.test(String(entry.msg)));

  return {
    child,
    output: () => output,
    exit: () => exited,
    logs,
    waitForLog: (pattern, timeoutMs = 10_000, nth = 1) =>
      new Promise((resolvePromise, reject) => {
        const check = () => {
          const found = logs(pattern)[nth - 1];
          if (!found) return;
          cleanup();
          resolvePromise(found);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(
            new Error(`no log line ${nth} matching ${pattern} within ${timeoutMs} ms; output:\n${output}`),
          );
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      }),
  };
}

// A pipe may deliver half a line: only the lines ended by a newline are whole JSON.
function jsonLines(output: string): Record<string, unknown>[] {
  return output
    .split('\n')
    .slice(0, -1)
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
