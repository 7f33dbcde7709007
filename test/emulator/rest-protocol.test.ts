import { bearer, ERRORS, JSON_TYPE, LIKE_SUCCESS, postForm, postJson, send } from './http-helpers';
import { useEmulator } from './emulator-fixture';

const USER_1 = bearer('demo-token-user-1');
const USER_OPTIONS = { method: 'GET' as const, headers: USER_1 };

describe('REST protocol: URL forms', () => {
  const emu = useEmulator();

  it.each(['/rest/im.message.like', '/rest/im.message.like.json', '/rest/IM.Message.Like.JSON'])(
    'OAuth form %s',
    async (path) => {
      const answer = await postJson(emu.url(path), { MESSAGE_ID: 1, ACTION: 'plus' }, USER_1);
      expect(answer.status).toBe(200);
      expect(answer.headers['content-type']).toBe(JSON_TYPE);
      expect(answer.body).toEqual(LIKE_SUCCESS);
      expect(await emu.control.likes('1')).toEqual([1]);
    },
  );

  it.each(['im.message.like', 'im.message.like.json'])('webhook form .../%s', async (method) => {
    const answer = await postJson(`${emu.emulator.webhookUrl(1)}${method}`, {
      MESSAGE_ID: 2,
      ACTION: 'plus',
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(LIKE_SUCCESS);
    expect(await emu.control.likes('2')).toEqual([1]);
  });

  it('gives webhook URLs with a trailing slash, stable across resets', async () => {
    const url = emu.emulator.webhookUrl(1);
    expect(url).toMatch(new RegExp(`^${emu.emulator.origin}/rest/1/[a-z0-9]{16}/$`));
    await emu.control.reset();
    expect(emu.emulator.webhookUrl(1)).toBe(url);
    expect(await emu.control.createWebhook(1)).toBe(url);
  });

  it('answers a realistic time block', async () => {
    const before = Date.now() / 1000;
    const answer = await send(emu.url('/rest/im.message.like?MESSAGE_ID=3'), USER_OPTIONS);
    const { time } = answer.body as { time: Record<string, number> };
    expect(time.start).toBeGreaterThanOrEqual(before - 1);
    expect(time.finish).toBeGreaterThanOrEqual(time.start as number);
    expect(time.duration).toBeCloseTo((time.finish as number) - (time.start as number), 6);
    expect(time.operating_reset_at).toBeGreaterThan(time.start as number);
  });

  it('answers unknown methods with 404 ERROR_METHOD_NOT_FOUND', async () => {
    const answer = await postJson(emu.url('/rest/im.message.unlike'), { MESSAGE_ID: 1 }, USER_1);
    expect(answer.status).toBe(404);
    expect(answer.body).toEqual(ERRORS.ERROR_METHOD_NOT_FOUND);
    expect((await send(emu.url('/rest/'), { headers: USER_1 })).body).toEqual(ERRORS.ERROR_METHOD_NOT_FOUND);
  });
});

describe('REST protocol: parameters', () => {
  const emu = useEmulator();

  it('reads the query string on GET', async () => {
    const answer = await send(emu.url('/rest/im.message.like?MESSAGE_ID=4&ACTION=plus'), USER_OPTIONS);
    expect(answer.body).toEqual(LIKE_SUCCESS);
    expect(await emu.control.likes('4')).toEqual([1]);
  });

  it('reads urlencoded forms', async () => {
    const answer = await postForm(
      emu.url('/rest/im.message.like'),
      { MESSAGE_ID: '5', ACTION: 'plus' },
      USER_1,
    );
    expect(answer.body).toEqual(LIKE_SUCCESS);
    expect(await emu.control.likes('5')).toEqual([1]);
  });

  it('merges the query with the body, the body winning', async () => {
    await postJson(emu.url('/rest/im.message.like?MESSAGE_ID=6&ACTION=minus'), { ACTION: 'plus' }, USER_1);
    expect(await emu.control.likes('6')).toEqual([1]);
  });

  it('treats parameter names case-insensitively and ID as an alias of MESSAGE_ID', async () => {
    await postJson(emu.url('/rest/im.message.like'), { message_id: 7, action: 'PLUS' }, USER_1);
    await postJson(emu.url('/rest/im.message.like'), { id: 8, Action: 'plus' }, USER_1);
    expect([await emu.control.likes('7'), await emu.control.likes('8')]).toEqual([[1], [1]]);
  });

  it('lets MESSAGE_ID win over ID', async () => {
    await postJson(emu.url('/rest/im.message.like'), { ID: 9, MESSAGE_ID: 10, ACTION: 'plus' }, USER_1);
    expect([await emu.control.likes('9'), await emu.control.likes('10')]).toEqual([[], [1]]);
  });

  it('reads MESSAGE_ID through intval: "1abc" and "1e0" address message 1', async () => {
    await postJson(emu.url('/rest/im.message.like'), { MESSAGE_ID: '1abc', ACTION: 'plus' }, USER_1);
    await postJson(
      emu.url('/rest/im.message.like'),
      { MESSAGE_ID: '1e0', ACTION: 'plus' },
      bearer('demo-token-user-2'),
    );
    expect(await emu.control.likes('1')).toEqual([1, 2]);
  });

  it('silently ignores an invalid JSON body', async () => {
    const answer = await send(emu.url('/rest/im.message.like?MESSAGE_ID=2'), {
      body: '{"MESSAGE_ID": 1,',
      headers: { ...USER_1, 'content-type': 'application/json' },
    });
    expect(answer.body).toEqual(LIKE_SUCCESS);
    expect([await emu.control.likes('1'), await emu.control.likes('2')]).toEqual([[], [1]]);
  });

  it('handles 18-digit ids exactly, as JSON numbers and as strings', async () => {
    const big = '123456789012345678';
    await emu.control.setup({ chats: [{ id: 9, members: [1] }], messages: [{ id: big, chatId: 9 }] });
    const body = `{"MESSAGE_ID":${big},"ACTION":"plus"}`;
    const asNumber = await send(emu.url('/rest/im.message.like'), {
      body,
      headers: { ...USER_1, 'content-type': 'application/json' },
    });
    expect(asNumber.body).toEqual(LIKE_SUCCESS);
    expect(await emu.control.likes(big)).toEqual([1]);
    const asString = await postJson(
      emu.url('/rest/im.message.like'),
      { MESSAGE_ID: big, ACTION: 'minus' },
      USER_1,
    );
    expect(asString.body).toEqual(LIKE_SUCCESS);
    expect(await emu.control.likes(big)).toEqual([]);
  });
});

describe('REST protocol: authentication', () => {
  const emu = useEmulator();
  const like = (headers: Record<string, string>, extra: Record<string, unknown> = {}) =>
    postJson(emu.url('/rest/im.message.like'), { MESSAGE_ID: 1, ACTION: 'plus', ...extra }, headers);

  it.each([
    ['the auth parameter', { auth: 'demo-token-user-1' }],
    ['the access_token parameter', { access_token: 'demo-token-user-1' }],
    ['an upper-cased AUTH parameter', { AUTH: 'demo-token-user-1' }],
  ])('accepts a token in %s', async (_name, extra) => {
    expect((await like({}, extra)).body).toEqual(LIKE_SUCCESS);
    expect(await emu.control.likes('1')).toEqual([1]);
  });

  it('accepts the auth parameter in the query string', async () => {
    const answer = await send(emu.url('/rest/im.message.like?MESSAGE_ID=1&auth=demo-token-user-2'));
    expect(answer.body).toEqual(LIKE_SUCCESS);
    expect(await emu.control.likes('1')).toEqual([2]);
  });

  it('checks the Bearer header before the auth parameter', async () => {
    expect((await like(bearer('demo-token-user-2'), { auth: 'demo-token-user-1' })).body).toEqual(
      LIKE_SUCCESS,
    );
    expect(await emu.control.likes('1')).toEqual([2]);
    const invalidHeader = await like(bearer('nope'), { auth: 'demo-token-user-1' });
    expect([invalidHeader.status, invalidHeader.body]).toEqual([401, ERRORS.invalid_token]);
  });

  it('answers 401 NO_AUTH_FOUND without credentials', async () => {
    const answer = await like({});
    expect([answer.status, answer.body]).toEqual([401, ERRORS.NO_AUTH_FOUND]);
    expect(answer.headers['content-type']).toBe(JSON_TYPE);
  });

  it('answers 401 invalid_token for an unknown token', async () => {
    const answer = await like(bearer('demo-token-user-9'));
    expect([answer.status, answer.body]).toEqual([401, ERRORS.invalid_token]);
  });

  it('answers 401 expired_token for an expired token', async () => {
    const answer = await like(bearer('demo-token-expired'));
    expect([answer.status, answer.body]).toEqual([401, ERRORS.expired_token]);
    await emu.control.setup({ tokens: [{ token: 'short-lived', userId: 1, expiresInSec: -1 }] });
    expect((await like({}, { auth: 'short-lived' })).body).toEqual(ERRORS.expired_token);
  });

  it('answers 401 INVALID_CREDENTIALS for a wrong webhook code or user, as the server source does (docs: 403)', async () => {
    const url = emu.emulator.webhookUrl(1);
    const wrongCode = await postJson(`${emu.url('/rest/1/wrongcode0000000/')}im.message.like`, {
      MESSAGE_ID: 1,
    });
    const wrongUser = await postJson(`${url.replace('/rest/1/', '/rest/2/')}im.message.like`, {
      MESSAGE_ID: 1,
    });
    expect([wrongCode.status, wrongCode.body]).toEqual([401, ERRORS.INVALID_CREDENTIALS]);
    expect([wrongUser.status, wrongUser.body]).toEqual([401, ERRORS.INVALID_CREDENTIALS]);
    expect(await emu.control.likes('1')).toEqual([]);
  });

  it('authenticates before looking up the method', async () => {
    const answer = await postJson(emu.url('/rest/no.such.method'), {});
    expect([answer.status, answer.body]).toEqual([401, ERRORS.NO_AUTH_FOUND]);
  });
});
