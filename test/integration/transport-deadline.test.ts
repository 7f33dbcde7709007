import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DispatcherRegistry, keepAlivePool } from '../../src/bitrix24/dispatchers';
import { UndiciTransport } from '../../src/bitrix24/transport';
import { Secret } from '../../src/secret';

// A server that answers at once, then trickles the body a byte at a time: each byte resets undici's body
// timeout, so only the call's own deadline can end the call.
let server: Server;
let origin: string;

beforeAll(async () => {
  server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.write('{"result":');
    const drip = setInterval(() => response.write(' '), 20);
    response.on('close', () => clearInterval(drip));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

it('ends a call at its deadline even while the answer keeps trickling in', async () => {
  const transport = new UndiciTransport(new DispatcherRegistry(keepAlivePool(1_000)));
  const target = { portal: 'trickle', origin, restPath: new Secret('/rest/1/code/'), accessToken: null };
  const started = performance.now();
  const outcome = await transport.send(target, 'im.message.like', { MESSAGE_ID: '1' }, Date.now() + 300);
  const elapsed = performance.now() - started;
  await transport.close();
  expect(outcome).toEqual({ ok: false, failure: { kind: 'timeout', phase: 'response' } });
  expect(elapsed).toBeGreaterThanOrEqual(290);
  expect(elapsed).toBeLessThan(1_000);
}, 5_000);
