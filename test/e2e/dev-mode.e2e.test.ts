import { spawn } from 'node:child_process';
import { appendFile, cp, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { request } from 'undici';
import { LikeMessageDocument } from '../generated/graphql';
import { likedOnLocalEmulator } from '../support/expected-outcomes';
import { LISTENING, listeningOrigin, watchProcess } from '../support/gateway-process';
import { executeDocument } from '../support/running-gateway';

const ROOT = resolve(__dirname, '../..');
// A first compile of the whole project: generous, since the machine may be busy with other suites.
const COMPILE_MS = 120_000;

/** What a fresh clone has before anything is built: the sources, the manifests and the installed packages. */
async function freshClone(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'dev-mode-'));
  for (const name of ['src', 'scripts/dev.mjs', 'package.json', 'tsconfig.json', 'tsconfig.build.json']) {
    await cp(join(ROOT, name), join(dir, name), { recursive: true });
  }
  await symlink(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

/** Whether any process is left in the group npm leads: every process dev mode starts stays in it. */
function groupAlive(group: number): boolean {
  try {
    process.kill(-group, 0);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}

async function likeMessageOne(url: string) {
  return (await executeDocument(`${url}/graphql`, LikeMessageDocument, { id: '1', action: 'PLUS' })).body;
}

it(
  'npm run dev builds a fresh clone, restarts once for a change and stops whole when npm gets SIGTERM',
  async () => {
    const dir = await freshClone();
    const dev = watchProcess(
      spawn('npm', ['run', 'dev'], {
        cwd: dir,
        // Its own process group, so that the test can tell whether anything of it is left.
        detached: true,
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          HOST: '127.0.0.1',
          PORT: '0',
          METRICS_PORT: '0',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
    const group = dev.child.pid!;
    try {
      const first = await listeningOrigin(dev, COMPILE_MS);
      expect(await likeMessageOne(first)).toEqual(likedOnLocalEmulator('1'));

      await appendFile(join(dir, 'src/index.ts'), '// a change\n');
      const second = await listeningOrigin(dev, COMPILE_MS, 2);
      // A new process on a new emulator (PORT=0 picks a new port): message 1 is not liked there yet.
      expect(await likeMessageOne(second)).toEqual(likedOnLocalEmulator('1'));
      // One start for the build and one for the change: no restart of its own after starting.
      expect(dev.logs(LISTENING)).toHaveLength(2);

      // An editor's stop button signals npm alone, not the group.
      process.kill(group, 'SIGTERM');
      expect(await dev.exit()).toBe(0);
      // npm returned only once everything it started had stopped.
      expect(groupAlive(group)).toBe(false);
      await expect(request(`${second}/healthz`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
      expect(dev.logs(/^stopped$/)).toHaveLength(2);
    } finally {
      if (groupAlive(group)) process.kill(-group, 'SIGKILL');
      await rm(dir, { recursive: true, force: true });
    }
  },
  4 * COMPILE_MS,
);
