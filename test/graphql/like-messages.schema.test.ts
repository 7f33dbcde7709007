import type { MockAgent } from 'undici';
import type { CallerCredentials } from '../../src/auth/caller-credentials';
import { buildGateway, type Gateway } from '../../src/server';
import { LIKE_SUCCESS_BODY } from '../support/fixtures';
import { ACME_CONFIG, mockGateway } from '../support/mock-gateway';
import { silentLogger } from '../support/silent-logger';
import { PORTAL_ORIGIN, WEBHOOK_PATH } from '../support/targets';
import { LIKE_MESSAGES } from './like-message.operations';

let gateway: Gateway;
let agent: MockAgent;

beforeEach(async () => ({ gateway, agent } = await mockGateway()));
afterEach(async () => {
  agent.assertNoPendingInterceptors();
  await gateway.close();
});

async function likeMessages(likes: unknown, caller: CallerCredentials = {}) {
  const response = await gateway.apollo.executeOperation(
    { query: LIKE_MESSAGES, variables: { likes } },
    { contextValue: { caller, log: silentLogger } },
  );
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return { status: response.http.status, ...response.body.singleResult };
}

const sent: unknown[] = [];
beforeEach(() => sent.splice(0));

function batchAnswers(sections: Record<string, unknown>) {
  agent
    .get(PORTAL_ORIGIN)
    .intercept({ path: `${WEBHOOK_PATH}batch.json`, method: 'POST' })
    .reply((request) => {
      sent.push(JSON.parse(String(request.body)));
      return {
        statusCode: 200,
        data: {
          result: { result: [], result_error: [], result_time: [], ...sections },
          time: LIKE_SUCCESS_BODY.time,
        },
      };
    });
}

const message = (id: string) => ({ portal: 'acme.bitrix24.com', id });
const expired = { error: 'expired_token', error_description: 'The access token provided has expired.' };

describe('likeMessages', () => {
  it('answers every like in input order, the valid ones sent in one batch request', async () => {
    batchAnswers({
      result: { c0: true },
      result_error: {
        c1: { error: 'WITHOUT_CHANGES', error_description: 'Action completed without changes' },
        c2: expired,
      },
    });
    const result = await likeMessages([
      { messageId: '01', action: 'PLUS' },
      { messageId: '1', action: 'PLUS' },
      { messageId: '2', action: 'MINUS' },
      { messageId: '3' },
    ]);
    expect(sent).toEqual([
      {
        halt: 0,
        cmd: {
          c0: 'im.message.like?MESSAGE_ID=1&ACTION=plus',
          c1: 'im.message.like?MESSAGE_ID=2&ACTION=minus',
          c2: 'im.message.like?MESSAGE_ID=3&ACTION=auto',
        },
      },
    ]);
    expect(result).toEqual({
      status: undefined,
      data: {
        likeMessages: [
          {
            __typename: 'MessageIdError',
            code: 'MESSAGE_ID_ERROR',
            description:
              'messageId must be a positive decimal integer of at most 18 digits, sent as a string',
          },
          { __typename: 'LikeMessageSuccess', liked: true, action: 'PLUS', message: message('1') },
          {
            __typename: 'LikeUnchangedError',
            action: 'MINUS',
            message: message('2'),
            code: 'WITHOUT_CHANGES',
            description:
              'Nothing changed: the like was already in that state, the caller has another reaction on the message, ' +
              'or the message does not exist or is not visible ' +
              'to the caller (Bitrix24 does not say which)',
          },
          null,
        ],
      },
      errors: [
        {
          message: 'The access token has expired; refresh it and retry',
          locations: [{ line: 2, column: 3 }],
          path: ['likeMessages', 3],
          extensions: { code: 'UNAUTHENTICATED', outcome: 'NOT_APPLIED', bitrix24: expired },
        },
      ],
    });
  });

  it('gives a failing item null and its own error, and keeps the answer of the good one', async () => {
    batchAnswers({ result: { c1: true }, result_error: { c0: expired } });
    const result = await likeMessages([
      { messageId: '5', action: 'PLUS' },
      { messageId: '6', action: 'PLUS' },
    ]);
    expect(result.data).toEqual({
      likeMessages: [
        null,
        { __typename: 'LikeMessageSuccess', liked: true, action: 'PLUS', message: message('6') },
      ],
    });
    expect(result.errors?.map(({ path }) => path)).toEqual([['likeMessages', 0]]);
  });

  it('fails the whole field when the request itself cannot be made', async () => {
    const result = await likeMessages([{ messageId: '5' }], { authorization: 'Basic x' });
    expect(result).toMatchObject({
      data: null,
      errors: [{ path: ['likeMessages'], extensions: { code: 'UNAUTHENTICATED' } }],
    });
  });

  it('refuses an operation over the likes limit with HTTP 400 before calling Bitrix24', async () => {
    const likes = Array.from({ length: 51 }, (_, i) => ({ messageId: String(i + 1), action: 'PLUS' }));
    expect(await likeMessages(likes)).toEqual({
      status: 400,
      errors: [
        {
          message:
            'An operation may like at most 50 messages (likeMessage fields and likeMessages items); found 51.',
          extensions: { code: 'BAD_USER_INPUT' },
        },
      ],
    });
  });
});

it('counts likeMessage fields and likeMessages items together against the limit', async () => {
  const limited = await buildGateway({
    bitrix24: ACME_CONFIG,
    logger: silentLogger,
    security: { limits: { likes: 3 } },
  });
  const response = await limited.apollo.executeOperation(
    {
      query: `mutation { a: likeMessage(messageId: "1") { __typename } likeMessages(likes: [{ messageId: "2" }, { messageId: "3" }, { messageId: "4" }]) { __typename } }`,
    },
    { contextValue: { caller: {}, log: silentLogger } },
  );
  await limited.close();
  expect(response.http.status).toBe(400);
  expect(response.body.kind === 'single' && response.body.singleResult.errors?.[0]?.message).toBe(
    'An operation may like at most 3 messages (likeMessage fields and likeMessages items); found 4.',
  );
});
