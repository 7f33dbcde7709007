import { spawnSync } from 'node:child_process';
import { REDIS_SERVER } from './redis-server';

export const REDIS_INSTALL_LINE = 'sudo apt-get install -y redis-server';

/** Throws, with the line that installs it, when the tests that need a real Redis could not run. */
export function checkRedisServer(command = REDIS_SERVER): void {
  const run = spawnSync(command, ['--version'], { stdio: 'ignore' });
  if (run.error || run.status !== 0) {
    throw new Error(
      `${command} was not found: the tests of replicas sharing one budget start their own Redis server.\n` +
        `Install it (Debian/Ubuntu): ${REDIS_INSTALL_LINE}`,
    );
  }
}
