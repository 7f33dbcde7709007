/**
 * The least Apollo Server can cost: its own `executeHTTPGraphQLRequest` behind a bare node:http handler (no web
 * framework, no integration package), Apollo's per-field cache hints and landing page off, and the same undici
 * Pool call as the floor. Nothing can keep Apollo Server and be cheaper, so the gap between this and the floor
 * is what keeping Apollo Server costs at the least; the gap between this and the gateway is the framework and ours.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { ApolloServer, HeaderMap } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { LIKE_SCHEMA_SDL, likeResolvers } from './like-schema';
import { readServerEnv } from './server-env';

const env = readServerEnv();
const apollo = new ApolloServer({
  typeDefs: LIKE_SCHEMA_SDL,
  resolvers: likeResolvers(env),
  plugins: [ApolloServerPluginCacheControlDisabled(), ApolloServerPluginLandingPageDisabled()],
});

async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  const {
    status,
    headers: answerHeaders,
    body,
  } = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: {
      method: request.method ?? 'GET',
      headers,
      search: new URL(request.url ?? '/', 'http://localhost').search,
      // What the integrations do: a JSON body arrives parsed, anything else as it came.
      body: headers.get('content-type')?.startsWith('application/json') ? JSON.parse(text) : text,
    },
    context: async () => ({}),
  });
  response.writeHead(status ?? 200, Object.fromEntries(answerHeaders));
  if (body.kind === 'complete') {
    response.end(body.string);
    return;
  }
  for await (const chunk of body.asyncIterator) response.write(chunk);
  response.end();
}

async function main(): Promise<void> {
  await apollo.start();
  createServer((request, response) => {
    answer(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(400);
      response.end();
    });
  }).listen(env.port, '127.0.0.1');
  process.on('SIGTERM', () => process.exit(0));
}

void main();
