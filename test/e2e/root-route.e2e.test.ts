import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { request } from 'undici';
import { registerRootRoute } from '../../src/http/root-route';

let app: FastifyInstance;
let url: string;

beforeAll(async () => {
  app = Fastify();
  registerRootRoute(app, '/graphql');
  await app.listen({ host: '127.0.0.1', port: 0 });
  url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/`;
});
afterAll(() => app.close());

it('redirects a browser to the GraphQL endpoint, relative to where it is served', async () => {
  const response = await request(url, {
    headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' },
  });
  expect([response.statusCode, response.headers.location, response.headers.vary]).toEqual([
    302,
    './graphql',
    'accept',
  ]);
  expect(new URL(String(response.headers.location), 'http://127.0.0.1:8080/im/').pathname).toBe(
    '/im/graphql',
  );
});

it('names the GraphQL endpoint in one line to any other client', async () => {
  const response = await request(url, { headers: { accept: '*/*' } });
  expect([
    response.statusCode,
    response.headers['content-type'],
    response.headers.vary,
    await response.body.text(),
  ]).toEqual([
    200,
    'text/plain; charset=utf-8',
    'accept',
    'This is a GraphQL API: send requests to /graphql, or open it in a browser.\n',
  ]);
});
