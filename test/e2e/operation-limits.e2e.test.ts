import { Readable } from 'node:stream';
import { request } from 'undici';
import { send } from '../emulator/http-helpers';
import { spawnEmulator, type EmulatorProcess } from '../support/emulator-process';
import { emulatorConfig, startGateway, type RunningGateway } from '../support/running-gateway';

let emulator: EmulatorProcess;
let gateway: RunningGateway;

beforeAll(async () => {
  emulator = await spawnEmulator({ EMULATOR_RATE_LIMIT: 'off' });
  gateway = await startGateway(emulatorConfig(await emulator.control.webhookUrl(1), []));
});
afterAll(async () => {
  await gateway?.close();
  await emulator?.stop();
});
beforeEach(() => emulator.control.reset());

const FULL_SELECTION = `{ __typename
  ... on LikeMessageSuccess { liked action message { portal id } }
  ... on LikeUnchangedError { action message { portal id } }
  ... on Bitrix24Error { code description } }`;

/** One mutation with `count` aliased likeMessage fields, messages 1..count, every field of the result. */
function likes(count: number): string {
  const fields = Array.from(
    { length: count },
    (_, i) => `m${i + 1}: likeMessage(messageId: "${i + 1}", action: PLUS) ${FULL_SELECTION}`,
  );
  return `mutation Likes { ${fields.join('\n')} }`;
}

function limitError(message: string, limit: string, max: number) {
  return { errors: [{ message, extensions: { code: 'OPERATION_LIMIT_EXCEEDED', limit, max } }] };
}

const INTROSPECTION_BLOCK = `__type(name: "Query") { name fields { name description type { name kind ofType { name kind description } } } }`;

describe('operation limits, each rejected before any Bitrix24 call', () => {
  it('lets the largest useful operation through: 5 likes with every field', async () => {
    const response = await gateway.graphql({ query: likes(5) });
    expect(response.status).toBe(200);
    expect(Object.values(response.body.data as object).map((like) => like.__typename)).toEqual(
      Array(5).fill('LikeMessageSuccess'),
    );
    expect(await emulator.control.calls()).toHaveLength(5);
  });

  it.each([
    [
      'a sixth likeMessage',
      likes(6),
      limitError('likeMessage limit of 5 per operation exceeded, found 6.', 'likeMessageFields', 5),
    ],
    [
      'likeMessage fields spread from fragments',
      `mutation { ...A ... on Mutation { ...B c: likeMessage(messageId: "3") { __typename } } }
       fragment A on Mutation { a: likeMessage(messageId: "1") { __typename } b: likeMessage(messageId: "2") { __typename } }
       fragment B on Mutation { d: likeMessage(messageId: "4") { __typename } e: likeMessage(messageId: "5") { __typename }
                                f: likeMessage(messageId: "6") { __typename } ...A }`,
      limitError('likeMessage limit of 5 per operation exceeded, found 6.', 'likeMessageFields', 5),
    ],
    [
      'eleven aliases',
      `{ ${Array.from({ length: 11 }, (_, i) => `s${i}: _service { sdl }`).join(' ')} }`,
      limitError('Aliases limit of 10 exceeded, found 11.', 'aliases', 10),
    ],
    [
      'depth 6',
      '{ __type(name: "Query") { fields { type { ofType { ofType { name } } } } } }',
      limitError('Query depth limit of 5 exceeded, found 6.', 'depth', 5),
    ],
    [
      'a cost of 530',
      `{ ${Array(12).fill(INTROSPECTION_BLOCK).join(' ')} }`,
      limitError('Query Cost limit of 500 exceeded, found 530.25.', 'cost', 500),
    ],
    [
      'eleven directives',
      `{ ${Array(11).fill('__typename @include(if: true)').join(' ')} }`,
      limitError('Directives limit of 10 exceeded, found 11.', 'directives', 10),
    ],
    [
      '501 tokens',
      `mutation { likeMessage(messageId: "1") { __typename } ${Array(491).fill('__typename').join(' ')} }`,
      limitError('Token limit of 500 exceeded.', 'tokens', 500),
    ],
  ])('%s → HTTP 400 OPERATION_LIMIT_EXCEEDED', async (_case, query, expected) => {
    const response = await gateway.graphql({ query });
    expect([response.status, response.body]).toEqual([400, expected]);
    expect(await emulator.control.calls()).toEqual([]);
  });

  it('takes its limits from the configuration', async () => {
    const strict = await startGateway(emulatorConfig(await emulator.control.webhookUrl(1), []), {
      security: { limits: { likeMessageFields: 2 } },
    });
    try {
      const response = await strict.graphql({ query: likes(3) });
      expect([response.status, response.body]).toEqual([
        400,
        limitError('likeMessage limit of 2 per operation exceeded, found 3.', 'likeMessageFields', 2),
      ]);
      expect(await emulator.control.calls()).toEqual([]);
    } finally {
      await strict.close();
    }
  });
});

describe('requests refused at the HTTP layer', () => {
  const PAYLOAD_TOO_LARGE = {
    errors: [
      {
        message: 'The request body exceeds the limit of 65536 bytes',
        extensions: { code: 'PAYLOAD_TOO_LARGE' },
      },
    ],
  };
  const bigBody = () => JSON.stringify({ query: likes(1), variables: { padding: 'x'.repeat(64 * 1024) } });

  it('answers a body over 64 KiB with HTTP 413 and a GraphQL error', async () => {
    const response = await send(`${gateway.url}/graphql`, {
      body: bigBody(),
      headers: { 'content-type': 'application/json' },
    });
    expect([response.status, response.body]).toEqual([413, PAYLOAD_TOO_LARGE]);
    expect(await emulator.control.calls()).toEqual([]);
  });

  it('counts a chunked body as it streams in, without a Content-Length to trust', async () => {
    const response = await request(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: Readable.from([bigBody()]),
    });
    expect([response.statusCode, await response.body.json()]).toEqual([413, PAYLOAD_TOO_LARGE]);
    expect(await emulator.control.calls()).toEqual([]);
  });

  it('refuses batched requests', async () => {
    const response = await send(`${gateway.url}/graphql`, {
      body: JSON.stringify([{ query: likes(1) }, { query: likes(1) }]),
      headers: { 'content-type': 'application/json' },
    });
    expect([response.status, response.body]).toEqual([
      400,
      { errors: [{ message: 'Operation batching disabled.', extensions: { code: 'BAD_REQUEST' } }] },
    ]);
    expect(await emulator.control.calls()).toEqual([]);
  });

  it('refuses a POST a browser could send cross-site without a preflight (CSRF)', async () => {
    const response = await send(`${gateway.url}/graphql`, {
      body: JSON.stringify({ query: likes(1) }),
      headers: { 'content-type': 'text/plain' },
    });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      errors: [
        {
          message: expect.stringMatching(
            /^This operation has been blocked as a potential Cross-Site Request Forgery/,
          ),
          extensions: { code: 'BAD_REQUEST' },
        },
      ],
    });
    expect(await emulator.control.calls()).toEqual([]);
  });

  it('refuses a simple GET (CSRF), and a mutation over GET even with the preflight header', async () => {
    const url = `${gateway.url}/graphql?query=${encodeURIComponent(likes(1))}`;
    const simple = await send(url);
    expect(simple.status).toBe(400);
    const preflighted = await send(url, { headers: { 'apollo-require-preflight': 'true' } });
    expect([preflighted.status, preflighted.body]).toEqual([
      405,
      {
        errors: [
          {
            message: 'GET requests only support query operations, not mutation operations',
            extensions: { code: 'BAD_REQUEST' },
          },
        ],
      },
    ]);
    expect(await emulator.control.calls()).toEqual([]);
  });

  it('answers an unsupported media type with HTTP 415 and a GraphQL error', async () => {
    const response = await send(`${gateway.url}/graphql`, {
      body: '<query/>',
      headers: { 'content-type': 'application/xml' },
    });
    expect([response.status, response.body]).toEqual([
      415,
      {
        errors: [
          {
            message: 'Send GraphQL requests as application/json',
            extensions: { code: 'UNSUPPORTED_MEDIA_TYPE' },
          },
        ],
      },
    ]);
  });
});
