import { LIKE_MESSAGE } from '../graphql/like-message.operations';
import type { EmulatorFault } from '../support/emulator-control';
import { spawnEmulator, type EmulatorProcess } from '../support/emulator-process';
import { expectedCodeAnswer } from '../support/expected-code-answers';
import { likeMessageError } from '../support/expected-outcomes';
import { fixtureError } from '../support/fixtures';
import { freePort } from '../support/free-port';
import { testResilience } from '../support/resilience';
import { emulatorConfig, startGateway, type RunningGateway } from '../support/running-gateway';

const TIMEOUT_MS = 800;
let emulator: EmulatorProcess;
let gateway: RunningGateway;
let portal: string;

beforeAll(async () => {
  emulator = await spawnEmulator({ EMULATOR_RATE_LIMIT: 'off' });
  portal = new URL(emulator.origin).host;
  // One gateway for every case. Its circuit never opens, so that one case's failures cannot answer the next
  // (the breaker is tested with the client); no case here blocks the method for the ones after it.
  gateway = await startGateway(emulatorConfig(await emulator.control.webhookUrl(1), [], TIMEOUT_MS), {
    resilience: testResilience({ breakerThreshold: 1_000 }),
  });
});
afterAll(async () => {
  await gateway?.close();
  await emulator?.stop();
});
beforeEach(() => emulator.control.reset());

const like = (action: string, id = '4') =>
  gateway.graphql({ query: LIKE_MESSAGE, variables: { id, action } });

// Every code is answered through the gateway's Apollo Server in test/graphql/bitrix24-code-answers.test.ts;
// these few stand for its kinds over real sockets (a rejected credential, in credentials.e2e.test.ts).
describe('Bitrix24 error codes answered by the emulator over HTTP', () => {
  it.each([
    ['a permission refusal that changed nothing', 'insufficient_scope'],
    ['an internal error that may have acted', 'INTERNAL_SERVER_ERROR'],
  ])('%s (%s) is answered as the table says', async (_case, code) => {
    const { status, error_description } = fixtureError(code);
    const body = { error: code, error_description };
    // Enough answers for the first attempt and every retry the gateway may make.
    await emulator.control.addFault({ kind: 'error', status, ...body, times: 3 });
    expect((await like('PLUS')).body).toEqual(expectedCodeAnswer(body, { portal, id: '4', action: 'PLUS' }));
    expect(await emulator.control.likes('4')).toEqual([]);
  });

  it("answers the emulator's own rate limit as RATE_LIMITED with a retry hint", async () => {
    await emulator.control.setOptions({ rateLimit: { perSecond: 0.01, burst: 1 } });
    await like('PLUS', '5');
    const limited = { error: 'QUERY_LIMIT_EXCEEDED', error_description: 'Too many requests' };
    expect((await like('PLUS', '6')).body).toEqual(
      expectedCodeAnswer(limited, { portal, id: '6', action: 'PLUS' }),
    );
    expect(await emulator.control.likes('6')).toEqual([]);
  });
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
    const { body } = await like('PLUS');
    expect(body.data).toBeNull();
    expect(body.errors?.map((error) => error.extensions)).toEqual([{ code, outcome }]);
    expect(await emulator.control.likes('4')).toEqual([]);
  });

  it('a slow answer inside the deadline still succeeds', async () => {
    await emulator.control.addFault({ kind: 'delay', ms: TIMEOUT_MS / 4 });
    expect((await like('PLUS')).body).toMatchObject({
      data: { likeMessage: { __typename: 'LikeMessageSuccess' } },
    });
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
    expect(response.body).toEqual(
      likeMessageError('Bitrix24 could not be reached', { code: 'UPSTREAM_ERROR', outcome: 'NOT_APPLIED' }),
    );
  } finally {
    await unreachable.close();
  }
});
