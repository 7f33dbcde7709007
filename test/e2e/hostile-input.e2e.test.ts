import fc from 'fast-check';
import { propertyRuns } from '../support/property-runs';
import { request } from 'undici';
import { LIKE_MESSAGE } from '../graphql/like-message.operations';
import { spawnEmulator, type EmulatorProcess } from '../support/emulator-process';
import {
  FORWARDABLE_ACTIONS,
  FORWARDABLE_MESSAGE_ID,
  graphqlShapeProblems,
} from '../support/graphql-response-shape';
import { emulatorConfig, startGateway, type RunningGateway } from '../support/running-gateway';

// Property-based tests against the real gateway over HTTP: whatever arrives, the answer is a well-formed
// GraphQL response or a clean 4xx, and nothing invalid reaches Bitrix24 (checked in the emulator's call log).
const RUNS = propertyRuns();

let emulator: EmulatorProcess;
let gateway: RunningGateway;

beforeAll(async () => {
  emulator = await spawnEmulator({ EMULATOR_RATE_LIMIT: 'off' });
  gateway = await startGateway(emulatorConfig(await emulator.control.webhookUrl(1), [emulator.origin]));
});
afterAll(async () => {
  await gateway?.close();
  await emulator?.stop();
});

interface Sent {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  path?: string;
  headers?: Record<string, string>;
  body?: string;
}

async function send({ method = 'POST', path = '/graphql', headers = {}, body }: Sent) {
  const response = await request(`${gateway.url}${path}`, { method, headers, body });
  return { status: response.statusCode, headers: response.headers, text: await response.body.text() };
}

const postJson = (payload: unknown, headers: Record<string, string> = {}) =>
  send({ body: JSON.stringify(payload), headers: { 'content-type': 'application/json', ...headers } });

const junk = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.string({ unit: 'binary', maxLength: 50 }),
  fc.nat(100_000).map((length) => '9'.repeat(length)),
  fc.integer(),
  fc.double(),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
  fc.boolean(),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 3 }),
);

const messageIds = fc.oneof(
  fc.bigInt({ min: 1n, max: 10n ** 18n - 1n }).map(String),
  fc.stringMatching(/^[+ -]?0*[0-9]{0,22}(?:e[0-9]|\.[0-9]| |abc)?$/),
  fc.constantFrom('0', '01', '+1', '1e3', '1abc', ' 1', '1 ', '１', '٣', '-1', '1_000', '0x1F', ''),
  junk,
);
const actions = fc.oneof(
  fc.constantFrom('PLUS', 'MINUS', 'AUTO', 'plus', 'Plus', 'TOGGLE', 'PLUS ', '', undefined),
  junk,
);

// 406: an Accept header that rules out JSON; 413: a body over the limit; 415: not a JSON body.
const CLEAN_STATUSES = [200, 400, 406, 413, 415];

function expectWellFormed(response: { status: number; text: string }): void {
  expect(graphqlShapeProblems(response.status, response.text)).toEqual([]);
  expect(CLEAN_STATUSES).toContain(response.status);
}

it('messageId and action of any type and content', async () => {
  await fc.assert(
    fc.asyncProperty(messageIds, actions, fc.boolean(), async (id, action, asUser) => {
      const headers: Record<string, string> = asUser ? { authorization: 'Bearer demo-token-user-2' } : {};
      const response = await postJson({ query: LIKE_MESSAGE, variables: { id, action } }, headers);
      expectWellFormed(response);
      const like = (JSON.parse(response.text) as { data?: { likeMessage?: { __typename: string } } }).data
        ?.likeMessage;
      // Only an id that reads as a canonical one can have reached Bitrix24; any other string is refused first.
      const idText = typeof id === 'string' ? id : Number.isInteger(id) ? String(id) : undefined;
      if (like && like.__typename !== 'MessageIdError') expect(idText).toMatch(FORWARDABLE_MESSAGE_ID);
      if (typeof id === 'string' && !FORWARDABLE_MESSAGE_ID.test(id) && like) {
        expect(like.__typename).toBe('MessageIdError');
      }
    }),
    { numRuns: RUNS },
  );
});

it('messageId and action written into the query text', async () => {
  const literal = fc.oneof(
    junk.map((value) => JSON.stringify(value) ?? 'null'),
    fc.string(),
  );
  await fc.assert(
    fc.asyncProperty(
      literal,
      fc.oneof(fc.constantFrom('PLUS', 'MINUS', 'AUTO'), fc.string()),
      async (id, action) => {
        const query = `mutation { likeMessage(messageId: ${id}, action: ${action}) { __typename } }`;
        expectWellFormed(await postJson({ query }));
      },
    ),
    { numRuns: RUNS },
  );
});

const headerValue = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)),
});

it('headers of any content', async () => {
  const headers = fc.record(
    {
      authorization: fc.oneof(
        headerValue,
        headerValue.map((token) => `Bearer ${token}`),
      ),
      'x-bitrix24-domain': fc.oneof(
        headerValue,
        fc.domain(),
        fc.constantFrom('127.0.0.1', 'localhost', '[::1]'),
      ),
      'x-request-id': headerValue,
      'content-type': fc.oneof(
        fc.constantFrom(
          'application/json',
          'application/json; charset=utf-8',
          'text/plain',
          'application/graphql',
        ),
        headerValue,
      ),
      'x-api-key': headerValue,
      'apollo-require-preflight': headerValue,
      accept: headerValue,
      origin: headerValue,
    },
    { requiredKeys: [] },
  );
  await fc.assert(
    fc.asyncProperty(headers, async (sent) => {
      const response = await send({
        body: JSON.stringify({ query: LIKE_MESSAGE, variables: { id: '3', action: 'PLUS' } }),
        headers: { 'content-type': 'application/json', ...sent },
      });
      expectWellFormed(response);
      expect(response.headers['x-request-id']).toMatch(/^[A-Za-z0-9._:-]{1,128}$/);
    }),
    { numRuns: RUNS },
  );
});

it('whole request bodies, content types and methods', async () => {
  const graphqlish = fc
    .array(
      fc.constantFrom(
        '{',
        '}',
        '(',
        ')',
        'mutation',
        'query',
        'likeMessage',
        'messageId:',
        '"1"',
        '$id',
        '...',
        'on',
        '@include',
        '#',
        '\n',
        'a:',
      ),
      { maxLength: 40 },
    )
    .map((tokens) => tokens.join(' '));
  const documents = fc.record(
    {
      query: fc.oneof(graphqlish, fc.constant(LIKE_MESSAGE), junk),
      variables: fc.oneof(fc.record({ id: messageIds, action: actions }), junk),
      operationName: fc.oneof(fc.constantFrom('LikeMessage', 'Other'), junk),
      extensions: junk,
    },
    { requiredKeys: [] },
  );
  const bodies = fc.oneof(
    documents.map((document) => JSON.stringify(document)),
    fc.array(documents, { maxLength: 3 }).map((batch) => JSON.stringify(batch)),
    fc.jsonValue().map((value) => JSON.stringify(value)),
    fc.string(),
    fc.string({ unit: 'binary' }),
    fc.tuple(documents, fc.nat()).map(([document, cut]) => {
      const text = JSON.stringify(document);
      return text.slice(0, cut % (text.length + 1));
    }),
    fc.constant('{"__proto__":{"polluted":true},"query":"{ __typename }"}'),
    fc.constant('{"constructor":{"prototype":{"polluted":true}},"query":"{ __typename }"}'),
    fc
      .nat({ max: 80_000 })
      .map((length) => JSON.stringify({ query: `# ${'x'.repeat(length)}\n{ __typename }` })),
  );
  const contentTypes = fc.oneof(
    fc.constantFrom(
      'application/json',
      'application/json; charset=utf-8',
      'application/JSON',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/graphql',
      'application/graphql-response+json',
    ),
    headerValue,
  );
  const requests = fc.oneof(
    fc.record({ method: fc.constant('POST' as const), body: bodies, contentType: contentTypes }),
    fc.record({
      method: fc.constantFrom('GET' as const, 'PUT' as const, 'DELETE' as const, 'PATCH' as const),
      query: fc.dictionary(
        fc.constantFrom('query', 'variables', 'operationName', 'extensions', 'x'),
        fc.string(),
      ),
      preflight: fc.boolean(),
    }),
  );
  await fc.assert(
    fc.asyncProperty(requests, async (sent) => {
      const response =
        sent.method === 'POST'
          ? await send({ body: sent.body, headers: { 'content-type': sent.contentType } })
          : await send({
              method: sent.method,
              path: `/graphql?${new URLSearchParams(sent.query).toString()}`,
              headers: sent.preflight ? { 'apollo-require-preflight': '1' } : {},
            });
      expect(response.status).toBeLessThan(500);
      if (sent.method === 'POST' || sent.method === 'GET') {
        expectWellFormed(response);
      } else {
        expect(response.status).toBe(404);
      }
    }),
    { numRuns: RUNS },
  );
});

it('is still up, and forwarded only canonical ids and known actions to Bitrix24', async () => {
  const health = await send({ method: 'GET', path: '/healthz' });
  expect([health.status, health.text]).toEqual([200, '{"status":"ok"}']);
  const calls = await emulator.control.calls();
  // Canonical ids with valid actions come up in every run (typically 10 to 40 calls), so this is never vacuous.
  expect(calls.length).toBeGreaterThan(0);
  for (const call of calls) {
    expect(call.method).toBe('im.message.like');
    expect(Object.keys(call.params).sort()).toEqual(['ACTION', 'MESSAGE_ID']);
    expect(call.params.MESSAGE_ID).toMatch(FORWARDABLE_MESSAGE_ID);
    expect(FORWARDABLE_ACTIONS).toContain(call.params.ACTION);
  }
});
