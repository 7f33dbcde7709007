import type { MockAgent } from 'undici';
import type { Gateway } from '../../src/server';
import { likeMessageError } from '../support/expected-outcomes';
import { LIKE_SUCCESS_BODY } from '../support/fixtures';
import { ACME_CONFIG, executeSingle, mockGateway } from '../support/mock-gateway';
import { testResilience } from '../support/resilience';
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

const likeMessage = (variables: Record<string, unknown>) =>
  executeSingle(gateway, { query: LIKE_MESSAGE, variables });

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

  it('answers an open circuit as UPSTREAM_ERROR with nothing applied, without calling Bitrix24', async () => {
    const open = await mockGateway(ACME_CONFIG, testResilience({ retries: 0, breakerThreshold: 1 }));
    open.agent
      .get(PORTAL_ORIGIN)
      .intercept({ path: `${WEBHOOK_PATH}im.message.like.json`, method: 'POST' })
      .reply(500, { error: 'INTERNAL_SERVER_ERROR', error_description: 'Internal server error' });
    const like = () =>
      executeSingle(open.gateway, { query: LIKE_MESSAGE, variables: { id: '42', action: 'AUTO' } });
    try {
      await like();
      // The one failure opened the circuit: a request now would find no interceptor and fail otherwise.
      expect(await like()).toEqual(
        likeMessageError('Bitrix24 keeps failing; the gateway is not calling it for a moment', {
          code: 'UPSTREAM_ERROR',
          outcome: 'NOT_APPLIED',
        }),
      );
      open.agent.assertNoPendingInterceptors();
    } finally {
      await open.gateway.close();
    }
  });
});
