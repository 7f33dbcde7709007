import { readFile } from 'node:fs/promises';
import { Agent, request } from 'undici';
import type { RunningEmulator } from '../../src/emulator/emulator-server';
import { startEmulator } from '../../src/emulator/emulator-server';
import type { TlsMaterial } from '../../src/emulator/tls';
import { selfSignedTls, tlsFromFiles } from '../../src/emulator/tls';
import { EmulatorControl } from '../support/emulator-control';
import { LIKE_SUCCESS } from './http-helpers';

describe('the emulator over HTTPS', () => {
  let tls: TlsMaterial;
  let emulator: RunningEmulator;
  let trusting: Agent;

  beforeAll(async () => {
    tls = await selfSignedTls('127.0.0.1');
    emulator = await startEmulator({ rateLimit: false, https: { key: tls.key, cert: tls.cert } });
    trusting = new Agent({ connect: { ca: tls.cert } });
  });
  afterAll(async () => {
    await trusting.close();
    await emulator.close();
    await tls.dispose();
  });

  const post = (url: string, payload: unknown, dispatcher?: Agent) =>
    request(url, {
      method: 'POST',
      body: JSON.stringify(payload),
      headers: { 'content-type': 'application/json' },
      dispatcher,
    });

  it('serves the same portal as over HTTP, to a client that trusts its certificate', async () => {
    expect(emulator.httpsOrigin).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const created = await post(`${emulator.httpsOrigin}/_emulator/webhooks`, { userId: 1 }, trusting);
    const { url } = (await created.body.json()) as { url: string };
    expect(url).toBe(emulator.webhookUrl(1).replace(emulator.origin, emulator.httpsOrigin ?? ''));
    const liked = await post(`${url}im.message.like`, { MESSAGE_ID: 1, ACTION: 'plus' }, trusting);
    expect([liked.statusCode, await liked.body.json()]).toEqual([200, LIKE_SUCCESS]);
    expect(await new EmulatorControl(emulator.origin).likes('1')).toEqual([1]);
  });

  it('is refused by a client that does not trust the certificate', async () => {
    const refused = post(`${emulator.httpsOrigin}/rest/im.message.like`, { MESSAGE_ID: 2 });
    await expect(refused).rejects.toMatchObject({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
  });

  it('writes the certificate a client must trust to a file, and reads given files back', async () => {
    expect(await readFile(tls.certPath, 'utf8')).toBe(tls.cert);
    expect(tls.cert).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
    expect(tls.key).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    const given = await tlsFromFiles(tls.certPath, tls.certPath);
    expect(given).toEqual({
      cert: tls.cert,
      key: tls.cert,
      certPath: tls.certPath,
      dispose: expect.any(Function),
    });
    await given.dispose();
    expect(await readFile(tls.certPath, 'utf8')).toBe(tls.cert);
  });

  it('removes a certificate it made when disposed', async () => {
    const made = await selfSignedTls('emulator.test');
    await made.dispose();
    await expect(readFile(made.certPath)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
