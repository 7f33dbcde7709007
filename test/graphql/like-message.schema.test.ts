import type { MockAgent } from 'undici';
import type { CallerCredentials } from '../../src/auth/caller-credentials';
import type { Gateway } from '../../src/server';
import { FIXTURE_ERRORS, LIKE_SUCCESS_BODY } from '../support/fixtures';
import { EXPECTED_TOP_LEVEL, UNION_CODES } from '../support/expected-outcomes';
import { silentLogger } from '../support/silent-logger';
import { mockGateway } from '../support/mock-gateway';
import { PORTAL_ORIGIN, WEBHOOK_PATH } from '../support/targets';
import { LIKE_MESSAGE } from './like-message.operations';

let gateway: Gateway;
let agent: MockAgent;

// A fresh gateway per test: the client remembers blocked methods and failing portals between calls.
beforeEach(async () => ({ gateway, agent } = await mockGateway()));
afterEach(async () => {
  agent.assertNoPendingInterceptors();
  await gateway.close();
});

async function likeMessage(variables: Record<string, unknown>, caller: CallerCredentials = {}) {
  const response = await gateway.apollo.executeOperation(
    { query: LIKE_MESSAGE, variables },
    { contextValue: { caller, log: silentLogger } },
  );
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return response.body.singleResult;
}

function bitrix24Answers(status: number, body: object, action = 'plus') {
  agent
    .get(PORTAL_ORIGIN)
    .intercept({
      path: `${WEBHOOK_PATH}im.message.like.json`,
      method: 'POST',
      body: JSON.stringify({ MESSAGE_ID: '42', ACTION: action }),
    })
    .reply(status, body);
}

const message = { portal: 'acme.bitrix24.com', id: '42' };

describe('likeMessage', () => {
  it.each([
    ['PLUS', 'plus', true],
    ['MINUS', 'minus', false],
    ['AUTO', 'auto', null],
  ])('%s succeeds with the state Bitrix24 implies', async (action, sent, liked) => {
    bitrix24Answers(200, LIKE_SUCCESS_BODY, sent);
    expect(await likeMessage({ id: '42', action })).toEqual({
      data: { likeMessage: { __typename: 'LikeMessageSuccess', liked, action, message } },
    });
  });

  it('toggles (AUTO) when no action is given, as Bitrix24 does', async () => {
    bitrix24Answers(200, LIKE_SUCCESS_BODY, 'auto');
    expect(await likeMessage({ id: '42' })).toEqual({
      data: { likeMessage: { __typename: 'LikeMessageSuccess', liked: null, action: 'AUTO', message } },
    });
  });

  it('returns WITHOUT_CHANGES as LikeUnchangedError data', async () => {
    bitrix24Answers(400, { error: 'WITHOUT_CHANGES', error_description: 'Action completed without changes' });
    expect(await likeMessage({ id: '42', action: 'PLUS' })).toEqual({
      data: {
        likeMessage: {
          __typename: 'LikeUnchangedError',
          action: 'PLUS',
          message,
          code: 'WITHOUT_CHANGES',
          description:
            'Nothing changed: the like was already in that state, the caller has another reaction on the message, ' +
            'or the message does not exist or is not visible ' +
            'to the caller (Bitrix24 does not say which)',
        },
      },
    });
  });

  it.each(['MESSAGE_ID_ERROR', 'PARAMS_ERROR'])(
    'returns %s from Bitrix24 as MessageIdError',
    async (code) => {
      bitrix24Answers(400, { error: code, error_description: 'x' });
      expect(await likeMessage({ id: '42', action: 'PLUS' })).toEqual({
        data: {
          likeMessage: {
            __typename: 'MessageIdError',
            code: 'MESSAGE_ID_ERROR',
            description: 'Bitrix24 rejected the message id',
          },
        },
      });
    },
  );

  it('rejects an unknown action before resolving, as a typed request error', async () => {
    const result = await likeMessage({ id: '42', action: 'TOGGLE' });
    expect(result.data).toBeUndefined();
    expect(result.errors).toEqual([
      expect.objectContaining({
        message:
          'Variable "$action" got invalid value "TOGGLE"; Value "TOGGLE" does not exist in "LikeAction" enum.',
        extensions: { code: 'BAD_USER_INPUT' },
      }),
    ]);
  });

  it('never leaks the webhook path through an error', async () => {
    bitrix24Answers(500, { error: 'INTERNAL_SERVER_ERROR', error_description: 'Internal server error' });
    const result = await likeMessage({ id: '42', action: 'PLUS' });
    expect(JSON.stringify(result)).not.toContain(WEBHOOK_PATH);
  });
});

describe('every Bitrix24 error code', () => {
  it('has an expectation for every fixture envelope that is not part of the result union', () => {
    const fixtureCodes = FIXTURE_ERRORS.map((entry) => entry.error).filter(
      (code) => !UNION_CODES.includes(code),
    );
    expect(fixtureCodes.filter((code) => !(code in EXPECTED_TOP_LEVEL))).toEqual([]);
  });

  it.each(Object.entries(EXPECTED_TOP_LEVEL))(
    '%s becomes a top-level %s error',
    async (bitrix24Code, [code, outcome, retry]) => {
      const status = FIXTURE_ERRORS.find((entry) => entry.error === bitrix24Code)?.status ?? 400;
      const body = { error: bitrix24Code, error_description: `text for ${bitrix24Code}` };
      bitrix24Answers(status, body);
      const result = await likeMessage({ id: '42', action: 'PLUS' });
      expect(result.data).toBeNull();
      expect(result.errors).toEqual([
        {
          message: expect.any(String),
          locations: [{ line: 2, column: 3 }],
          path: ['likeMessage'],
          extensions: {
            code,
            outcome,
            bitrix24: body,
            ...(retry === undefined ? {} : { retryAfter: retry }),
          },
        },
      ]);
    },
  );
});
