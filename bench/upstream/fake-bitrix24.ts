/**
 * The fake Bitrix24 every throughput scenario calls: `im.message.like` answered at once with the real
 * success envelope (test/fixtures), no rate limit, no state, no call log, so that it costs every scenario
 * the same little. It counts the calls, so the harness can check that each answer cost one upstream call.
 * Run as its own process: BENCH_PORT=<port> node dist-tools/bench/upstream/fake-bitrix24.js
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { ROOT } from '../paths';

const fixtures = JSON.parse(readFileSync(resolve(ROOT, 'test/fixtures/bitrix24-envelopes.json'), 'utf8')) as {
  success: Record<string, { status: number; body: unknown }>;
};
const LIKE = fixtures.success['im.message.like'];
if (!LIKE) throw new Error('no im.message.like envelope in the fixtures');
const SUCCESS = Buffer.from(JSON.stringify(LIKE.body));
const NOT_FOUND = Buffer.from(
  JSON.stringify({ error: 'ERROR_METHOD_NOT_FOUND', error_description: 'Method not found!' }),
);
const HEADERS = { 'content-type': 'application/json; charset=utf-8' };

let calls = 0;

const server = createServer((request, response) => {
  if (request.method === 'GET' && request.url === '/_count') {
    response.writeHead(200, HEADERS).end(JSON.stringify({ calls }));
    return;
  }
  // The body is read in full, as Bitrix24 does, but not interpreted: every caller sends the same one.
  request.resume();
  request.on('end', () => {
    if (request.method === 'POST' && request.url?.endsWith('/im.message.like.json')) {
      calls += 1;
      response.writeHead(LIKE.status, { ...HEADERS, 'content-length': SUCCESS.length }).end(SUCCESS);
    } else {
      response.writeHead(404, { ...HEADERS, 'content-length': NOT_FOUND.length }).end(NOT_FOUND);
    }
  });
});
// Longer than any pause between rounds, so that no scenario pays for reconnecting mid-run.
server.keepAliveTimeout = 120_000;
server.listen(Number(process.env.BENCH_PORT), '127.0.0.1');
process.on('SIGTERM', () => process.exit(0));
