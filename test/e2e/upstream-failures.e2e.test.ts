import { LIKE_MESSAGE } from '../graphql/like-message.operations';
import type { EmulatorFault } from '../support/emulator-control';
import { spawnEmulator, type EmulatorProcess } from '../support/emulator-process';
import { EXPECTED_TOP_LEVEL } from '../support/expected-outcomes';
import { FIXTURE_ERRORS } from '../support/fixtures';
import { freePort } from '../support/free-port';
import { emulatorConfig, startGateway, type RunningGateway } from '../support/running-gateway';

const TIMEOUT_MS = 800;
let emulator: EmulatorProcess;
let gateway: RunningGateway;

beforeAll(async () => {
  emulator = await spawnEmulator({ EMULATOR_RATE_LIMIT: 'off' });
});
afterAll(() => emulator?.stop());
// A fresh gateway per test: the client remembers blocked methods and failing portals between calls.
beforeEach(async () => {
  await emulator.control.reset();
  gateway = await startGateway(emulatorConfig(await emulator.control.webhookUrl(1), [], TIMEOUT_MS));
});
afterEach(() => gateway.close());

const like = (action: string, id = '4') =>
  gateway.graphql({ query: LIKE_MESSAGE, variables: { id, action } });

function onlyError(body: { data?: unknown; errors?: Array<Record<string, unknown>> }) {
  expect(body.data).toBeNull();
  expect(body.errors).toHaveLength(1);
  return body.errors?.[0];
}

describe('every Bitrix24 error code, answered by the emulator over HTTP', () => {
  it.each(Object.entries(EXPECTED_TOP_LEVEL))(
    '%s → %p',
    async (bitrix24Code, [code, outcome, retryAfter]) => {
      const status = FIXTURE_ERRORS.find((entry) => entry.error === bitrix24Code)?.status ?? 400;
      const body = { error: bitrix24Code, error_description: `text of ${bitrix24Code}` };
      // Enough answers for the first attempt and every retry the gateway may make.
      await emulator.control.addFault({ kind: 'error', status, ...body, times: 3 });
      const error = onlyError((await like('PLUS')).body);
      expect(error?.extensions).toEqual({
        code,
        outcome,
        bitrix24: body,
        ...(retryAfter === undefined ? {} : { retryAfter }),
      });
      expect(await emulator.control.likes('4')).toEqual([]);
    },
  );
});

describe('answers that are not Bitrix24 envelopes', () => {
  const cases: Array<[string, EmulatorFault, string, string]> = [
    [
      'an HTML error page',
      { kind: 'raw', status: 502, contentType: 'text/html', body: '<html>Bad Gateway</html>' },
      'UPSTREAM_ERROR',
      'UNKNOWN',
    ],
    ['an empty body', { kind: 'raw', status: 200, body: '' }, 'UPSTREAM_ERROR', 'UNKNOWN'],
    [
      'truncated JSON',
      { kind: 'raw', status: 200, contentType: 'application/json', body: '{"result":tr' },
      'UPSTREAM_ERROR',
      'UNKNOWN',
    ],
    [
      'a redirect to a moved portal',
      { kind: 'raw', status: 302, headers: { location: 'https://new-name.bitrix24.com/rest/' } },
      'UPSTREAM_ERROR',
      'NOT_APPLIED',
    ],
    [
      'a reset before the like is applied',
      { kind: 'reset', phase: 'before-apply' },
      'UPSTREAM_ERROR',
      'UNKNOWN',
    ],
    ['a hang past the deadline', { kind: 'hang' }, 'UPSTREAM_TIMEOUT', 'UNKNOWN'],
  ];

  it.each(cases)('%s → %s with outcome %s', async (_case, fault, code, outcome) => {
    await emulator.control.addFault({ ...fault, times: 3 });
    const error = onlyError((await like('PLUS')).body);
    expect(error?.extensions).toEqual({ code, outcome });
    expect(await emulator.control.likes('4')).toEqual([]);
  });

  it('AUTO reset after Bitrix24 applied it: one toggle happened and the outcome is UNKNOWN', async () => {
    await emulator.control.addFault({ kind: 'reset', phase: 'after-apply' });
    const error = onlyError((await like('AUTO')).body);
    expect(error).toEqual({
      message: 'The connection to Bitrix24 broke before it answered',
      locations: [{ line: 2, column: 3 }],
      path: ['likeMessage'],
      extensions: { code: 'UPSTREAM_ERROR', outcome: 'UNKNOWN' },
    });
    expect(await emulator.control.likes('4')).toEqual([1]);
    expect(await emulator.control.calls()).toHaveLength(1);
  });

  it('a slow answer inside the deadline still succeeds', async () => {
    await emulator.control.addFault({ kind: 'delay', ms: TIMEOUT_MS / 4 });
    expect((await like('PLUS')).body).toMatchObject({
      data: { likeMessage: { __typename: 'LikeMessageSuccess' } },
    });
  });

  it("the emulator's own rate limit surfaces as RATE_LIMITED with a retry hint", async () => {
    await emulator.control.setOptions({ rateLimit: { perSecond: 0.01, burst: 1 } });
    await like('PLUS', '5');
    const error = onlyError((await like('PLUS', '6')).body);
    expect(error?.extensions).toEqual({
      code: 'RATE_LIMITED',
      outcome: 'NOT_APPLIED',
      retryAfter: 2,
      bitrix24: { error: 'QUERY_LIMIT_EXCEEDED', error_description: 'Too many requests' },
    });
    expect(await emulator.control.likes('6')).toEqual([]);
  });
});

it('a portal that refuses connections is UPSTREAM_ERROR with outcome NOT_APPLIED', async () => {
  const closedPort = await freePort();
  const unreachable = await startGateway(
    emulatorConfig(`http://127.0.0.1:${closedPort}/rest/1/c0de/`, [], TIMEOUT_MS),
  );
  try {
    const response = await unreachable.graphql({
      query: LIKE_MESSAGE,
      variables: { id: '1', action: 'AUTO' },
    });
    expect(onlyError(response.body)).toEqual({
      message: 'Bitrix24 could not be reached',
      locations: [{ line: 2, column: 3 }],
      path: ['likeMessage'],
      extensions: { code: 'UPSTREAM_ERROR', outcome: 'NOT_APPLIED' },
    });
  } finally {
    await unreachable.close();
  }
});
