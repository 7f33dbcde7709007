import { createServer, type Server } from 'node:net';
import { spawnGateway } from '../support/gateway-process';

let taken: Server;
let port: number;

// What a first instance leaves a second one: a port already taken on the same interface.
beforeAll(async () => {
  taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  port = (taken.address() as { port: number }).port;
});
afterAll(() => new Promise((resolve) => taken.close(resolve)));

/** What the process wrote besides its JSON log lines: the reason it gave for exiting. */
function reason(output: string): string[] {
  return output.split('\n').filter((line) => !line.startsWith('{'));
}

it('names the GraphQL listener and PORT when its port is taken', async () => {
  const gateway = spawnGateway({ HOST: '127.0.0.1', PORT: String(port) });
  expect(await gateway.exit()).toBe(1);
  expect(reason(gateway.output())).toEqual([
    `Failed to start: the GraphQL listener cannot listen on 127.0.0.1:${port}: the port is already in use, ` +
      'perhaps by another instance (EADDRINUSE); set PORT to a free port',
    '',
  ]);
});

it('names the metrics listener and METRICS_PORT when its port is taken', async () => {
  const gateway = spawnGateway({ HOST: '127.0.0.1', PORT: '0', METRICS_PORT: String(port) });
  expect(await gateway.exit()).toBe(1);
  expect(reason(gateway.output())).toEqual([
    `Failed to start: the metrics listener cannot listen on 127.0.0.1:${port}: the port is already in use, ` +
      'perhaps by another instance (EADDRINUSE); set METRICS_PORT to a free port, or to off',
    '',
  ]);
});
