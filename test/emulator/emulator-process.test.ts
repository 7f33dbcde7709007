import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { spawnEmulator } from '../support/emulator-process';
import { bearer, LIKE_SUCCESS, postJson } from './http-helpers';

describe('emulator as a process (dist/emulator/main.js)', () => {
  it('starts on a free port, serves REST and control calls, and stops on SIGTERM', async () => {
    const emulator = await spawnEmulator({ EMULATOR_RATE_LIMIT: 'off' });
    try {
      expect(emulator.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      await emulator.control.reset();
      const answer = await postJson(
        `${emulator.origin}/rest/im.message.like`,
        { MESSAGE_ID: 1 },
        bearer('demo-token-user-2'),
      );
      expect(answer.body).toEqual(LIKE_SUCCESS);
      expect(await emulator.control.likes('1')).toEqual([2]);
      const webhook = await emulator.control.createWebhook(1);
      expect((await postJson(`${webhook}im.message.like`, { MESSAGE_ID: 1 })).body).toEqual(LIKE_SUCCESS);
      expect(await emulator.control.likes('1')).toEqual([1, 2]);
    } finally {
      await emulator.stop();
    }
  });

  it('fails to start with a message naming a bad variable', async () => {
    await expect(spawnEmulator({ EMULATOR_BURST: 'lots' })).rejects.toThrow(/EMULATOR_BURST/);
  });
});

describe('main.js output', () => {
  it('prints exactly one JSON line to stdout, no secrets, and exits 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, [resolve(__dirname, '../../dist/emulator/main.js')], {
      env: { ...process.env, EMULATOR_PORT: '0' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    while (!stdout.includes('\n')) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGTERM');
    // 'close', not 'exit': only then has all of the child's output been read.
    const [code] = (await once(child, 'close')) as [number | null];
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\{"event":"listening","origin":"http:\/\/127\.0\.0\.1:\d+"\}\n$/);
    expect(stderr).toContain('listening on http://127.0.0.1:');
    expect(`${stdout}${stderr}`).not.toMatch(/demo-token|\/rest\/\d+\/[a-z0-9]{16}/);
  });
});
