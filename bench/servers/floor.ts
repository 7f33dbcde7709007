/**
 * The floor: what the same work costs with no GraphQL library. A bare node:http handler reads the JSON body,
 * takes the variables, makes the same call to Bitrix24 with an undici Pool and answers the same JSON.
 * It validates nothing and knows one operation: no real server can be cheaper and still do the work.
 */
import { createServer, type IncomingMessage } from 'node:http';
import { Pool } from 'undici';
import { BITRIX24_ACTION, readServerEnv } from './server-env';

const env = readServerEnv();
const pool = new Pool(env.upstream, { keepAliveTimeout: 30_000 });

interface GraphQLBody {
  variables?: { id?: string; action?: string };
}

async function like(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const { variables = {} } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as GraphQLBody;
  const id = String(variables.id);
  const action = variables.action ?? 'AUTO';
  const upstream = await pool.request({
    path: env.likePath,
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ MESSAGE_ID: id, ACTION: BITRIX24_ACTION[action] }),
  });
  const envelope = (await upstream.body.json()) as { result?: unknown };
  if (envelope.result !== true) throw new Error('Bitrix24 did not apply the like');
  const message = { portal: env.portal, id };
  return JSON.stringify({
    data: {
      likeMessage: {
        __typename: 'LikeMessageSuccess',
        liked: action === 'AUTO' ? null : action === 'PLUS',
        action,
        message,
      },
    },
  });
}

createServer((request, response) => {
  like(request).then(
    (body) => response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(body),
    () => response.writeHead(500).end(),
  );
}).listen(env.port, '127.0.0.1');
process.on('SIGTERM', () => process.exit(0));
