import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { spawnEmulator } from '../support/emulator-process';
import { bearer, LIKE_SUCCESS, postJson } from './http-helpers';

const MAIN = resolve(__dirname, '../../dist/emulator/main.js');

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
    const child = spawn(process.execPath, [MAIN], {
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

describe('main.js with EMULATOR_HTTPS_PORT', () => {
  it('serves HTTPS with a certificate made at start, trusted through NODE_EXTRA_CA_CERTS, removed at exit', async () => {
    const child = spawn(process.execPath, [MAIN], {
      env: { ...process.env, EMULATOR_PORT: '0', EMULATOR_HTTPS_PORT: '0', EMULATOR_RATE_LIMIT: 'off' },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let certPath = '';
    try {
      const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
      const listening = JSON.parse(line) as { origin: string; httpsOrigin: string; caCertPath: string };
      expect(listening).toEqual({
        event: 'listening',
        origin: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
        httpsOrigin: expect.stringMatching(/^https:\/\/127\.0\.0\.1:\d+$/),
        caCertPath: expect.stringMatching(/cert\.pem$/),
      });
      certPath = listening.caCertPath;
      const url = `${listening.httpsOrigin}/rest/im.message.like?MESSAGE_ID=1&auth=demo-token-user-1`;
      const script = `fetch(${JSON.stringify(url)}).then(async (r) => console.log(r.status, (await r.json()).result))`;
      const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], {
        env: { ...process.env, NODE_EXTRA_CA_CERTS: listening.caCertPath },
      });
      expect(stdout).toBe('200 true\n');
    } finally {
      child.kill('SIGTERM');
      await once(child, 'close');
    }
    expect(existsSync(certPath)).toBe(false);
  });
});
