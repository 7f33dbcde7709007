import { bearer, ERRORS, LIKE_SUCCESS, postForm, postJson, send } from './http-helpers';
import { useEmulator } from './emulator-fixture';

describe('control API', () => {
  const emu = useEmulator();
  const like = (params: Record<string, unknown>, token = 'demo-token-user-1') =>
    postJson(emu.url('/rest/im.message.like'), params, bearer(token));

  it('reset clears likes, the call log and faults, and reseeds', async () => {
    await like({ MESSAGE_ID: 1 });
    await emu.control.addFault({ kind: 'hang' });
    await emu.control.reset();
    expect(await emu.control.likes('1')).toEqual([]);
    expect(await emu.control.calls()).toEqual([]);
    expect((await like({ MESSAGE_ID: 1 })).body).toEqual(LIKE_SUCCESS);
  });

  it('reset with seed false leaves an empty portal', async () => {
    await emu.control.reset(false);
    expect((await like({ MESSAGE_ID: 1 })).body).toEqual(ERRORS.invalid_token);
    const webhook = await postJson(`${emu.emulator.webhookUrl(1)}im.message.like`, { MESSAGE_ID: 1 });
    expect(webhook.body).toEqual(ERRORS.WITHOUT_CHANGES);
  });

  it('setup merges users, chats, messages, tokens, webhooks and likes', async () => {
    await emu.control.setup({
      users: [7, 8],
      chats: [{ id: 5, members: [7, 8] }],
      messages: [{ id: '500', chatId: 5 }],
      tokens: [{ token: 'token-7', userId: 7, expiresInSec: 60 }],
      webhooks: [{ userId: 8, code: 'code8' }],
      likes: [{ messageId: '500', userId: 8 }],
    });
    expect(await emu.control.likes('500')).toEqual([8]);
    expect((await like({ MESSAGE_ID: 500, ACTION: 'plus' }, 'token-7')).body).toEqual(LIKE_SUCCESS);
    const viaWebhook = await postJson(emu.url('/rest/8/code8/im.message.like'), {
      MESSAGE_ID: 500,
      ACTION: 'minus',
    });
    expect(viaWebhook.body).toEqual(LIKE_SUCCESS);
    expect(await emu.control.likes('500')).toEqual([7]);
    expect((await like({ MESSAGE_ID: 1, ACTION: 'plus' })).body).toEqual(LIKE_SUCCESS);
  });

  it('setup rejects malformed input with 400 and changes nothing', async () => {
    const answer = await postJson(emu.url('/_emulator/setup'), { messages: [{ id: '1abc', chatId: 1 }] });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ error: 'BAD_REQUEST', message: expect.stringContaining('messages') });
    const notJson = await send(emu.url('/_emulator/setup'), {
      body: '{',
      headers: { 'content-type': 'application/json' },
    });
    expect([notJson.status, notJson.body]).toEqual([
      400,
      { error: 'BAD_REQUEST', message: 'Body is not valid JSON' },
    ]);
  });

  it('webhooks registers a given code or returns the user’s webhook', async () => {
    const url = await emu.control.createWebhook(3, 'mycode');
    expect(url).toBe(emu.url('/rest/3/mycode/'));
    expect(await emu.control.webhookUrl(3)).toBe(url);
    const generated = await emu.control.webhookUrl(2);
    expect(generated).toMatch(/\/rest\/2\/[a-z0-9]{16}\/$/);
    expect((await postJson(`${generated}im.message.like`, { MESSAGE_ID: 11 })).body).toEqual(LIKE_SUCCESS);
  });

  it('likes answers sorted user ids, 18-digit ids intact', async () => {
    await emu.control.setup({
      likes: [
        { messageId: '999999999999999999', userId: 3 },
        { messageId: '999999999999999999', userId: 1 },
      ],
    });
    const answer = await send(emu.url('/_emulator/likes/999999999999999999'));
    expect(answer.body).toEqual({ messageId: '999999999999999999', likedBy: [1, 3] });
    expect((await send(emu.url('/_emulator/likes/abc'))).status).toBe(400);
  });

  it('answers unknown routes with 404 JSON', async () => {
    const answer = await send(emu.url('/_emulator/nope'));
    expect([answer.status, answer.body]).toEqual([
      404,
      { error: 'NOT_FOUND', message: 'No control route GET /_emulator/nope' },
    ]);
    expect((await send(emu.url('/_emulator/calls'), { method: 'PUT' })).status).toBe(404);
  });
});

describe('call log', () => {
  const emu = useEmulator();

  it('records each request without credentials', async () => {
    const webhookUrl = emu.emulator.webhookUrl(1);
    await postJson(
      emu.url('/rest/im.message.like.json'),
      { message_id: 1, action: 'plus' },
      bearer('demo-token-user-1'),
    );
    await postForm(emu.url('/rest/IM.MESSAGE.LIKE'), {
      ID: '2',
      auth: 'demo-token-user-2',
      access_token: 'demo-token-user-3',
    });
    await postJson(`${webhookUrl}im.message.like`, { MESSAGE_ID: 11 });
    await send(emu.url('/rest/im.message.like?MESSAGE_ID=1&auth=demo-token-expired'));
    await send(emu.url('/rest/im.message.like'));
    const calls = await emu.control.calls();
    const entry = (fields: object) => ({ timestamp: expect.any(String), fault: null, ...fields });
    expect(calls).toEqual([
      entry({
        method: 'im.message.like',
        userId: 1,
        authKind: 'oauth',
        params: { MESSAGE_ID: 1, ACTION: 'plus' },
        status: 200,
        error: null,
        applied: true,
      }),
      entry({
        method: 'im.message.like',
        userId: 2,
        authKind: 'oauth',
        params: { ID: '2' },
        status: 200,
        error: null,
        applied: true,
      }),
      entry({
        method: 'im.message.like',
        userId: 1,
        authKind: 'webhook',
        params: { MESSAGE_ID: 11 },
        status: 400,
        error: 'WITHOUT_CHANGES',
        applied: false,
      }),
      entry({
        method: 'im.message.like',
        userId: null,
        authKind: 'oauth',
        params: { MESSAGE_ID: '1' },
        status: 401,
        error: 'expired_token',
        applied: false,
      }),
      entry({
        method: 'im.message.like',
        userId: null,
        authKind: 'none',
        params: {},
        status: 401,
        error: 'NO_AUTH_FOUND',
        applied: false,
      }),
    ]);
    const logged = JSON.stringify(calls);
    for (const secret of ['demo-token', webhookUrl.split('/')[5] as string])
      expect(logged).not.toContain(secret);
    expect(Date.parse(calls[0]?.timestamp ?? '')).toBeGreaterThan(Date.now() - 60_000);
  });

  it('can be cleared', async () => {
    await send(emu.url('/rest/im.message.like'));
    await emu.control.clearCalls();
    expect(await emu.control.calls()).toEqual([]);
  });
});
