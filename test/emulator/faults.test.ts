import { startEmulator } from '../../src/emulator/emulator-server';
import { bearer, ERRORS, JSON_TYPE, LIKE_SUCCESS, postJson, send } from './http-helpers';
import { useEmulator } from './emulator-fixture';

describe('faults', () => {
  const emu = useEmulator();
  const like = (
    params: Record<string, unknown> = { MESSAGE_ID: 1, ACTION: 'plus' },
    token = 'demo-token-user-1',
  ) => postJson(emu.url('/rest/im.message.like'), params, bearer(token));

  it('error: answers the given envelope once, without applying', async () => {
    await emu.control.addFault({
      kind: 'error',
      status: 500,
      error: 'INTERNAL_SERVER_ERROR',
      error_description: 'Internal server error',
    });
    const failed = await like();
    expect([failed.status, failed.headers['content-type'], failed.body]).toEqual([
      500,
      JSON_TYPE,
      { error: 'INTERNAL_SERVER_ERROR', error_description: 'Internal server error' },
    ]);
    expect(await emu.control.likes('1')).toEqual([]);
    expect((await like()).body).toEqual(LIKE_SUCCESS);
  });

  it('fires `times` times, FIFO, only for the method it names', async () => {
    await emu.control.addFault({
      kind: 'error',
      status: 503,
      error: 'OVERLOAD_LIMIT',
      error_description: 'x',
      method: 'batch',
    });
    await emu.control.addFault({
      kind: 'error',
      status: 429,
      error: 'OPERATION_TIME_LIMIT',
      error_description: 'y',
      times: 2,
    });
    expect((await like()).status).toBe(429);
    expect((await like()).status).toBe(429);
    expect((await like()).status).toBe(200);
    expect(await send(emu.url('/_emulator/faults')).then((answer) => answer.body)).toEqual({
      faults: [
        {
          kind: 'error',
          status: 503,
          error: 'OVERLOAD_LIMIT',
          error_description: 'x',
          method: 'batch',
          times: 1,
        },
      ],
    });
    await emu.control.clearFaults();
    expect(await send(emu.url('/_emulator/faults')).then((answer) => answer.body)).toEqual({ faults: [] });
  });

  it('is consumed only after the rate limiter and authentication let the request through', async () => {
    await emu.control.addFault({
      kind: 'error',
      status: 500,
      error: 'INTERNAL_SERVER_ERROR',
      error_description: 'z',
    });
    expect((await like(undefined, 'unknown-token')).body).toEqual(ERRORS.invalid_token);
    expect((await like()).status).toBe(500);
  });

  it.each<[string, { status: number; body: string; contentType?: string }]>([
    [
      'an HTML page',
      { status: 502, body: '<html><body>Bad Gateway</body></html>', contentType: 'text/html' },
    ],
    ['an empty body', { status: 200, body: '' }],
    ['truncated JSON', { status: 200, body: '{"result":tr', contentType: 'application/json' }],
  ])('raw: answers %s exactly, without applying', async (_name, raw) => {
    await emu.control.addFault({ kind: 'raw', ...raw });
    const answer = await like();
    expect([answer.status, answer.text]).toEqual([raw.status, raw.body]);
    expect(answer.headers['content-type']).toBe(raw.contentType);
    expect(await emu.control.likes('1')).toEqual([]);
  });

  it('raw: can answer a redirect with its headers', async () => {
    const location = 'https://new-name.bitrix24.com/rest/im.message.like';
    await emu.control.addFault({ kind: 'raw', status: 302, headers: { location } });
    const answer = await like();
    expect([answer.status, answer.headers.location, answer.text]).toEqual([302, location, '']);
  });

  it('delay: applies the call but answers late', async () => {
    await emu.control.addFault({ kind: 'delay', ms: 300 });
    const started = Date.now();
    const answer = await like();
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(answer.body).toEqual(LIKE_SUCCESS);
    expect(await emu.control.likes('1')).toEqual([1]);
  });

  it('hang: never answers and applies nothing', async () => {
    await emu.control.addFault({ kind: 'hang' });
    const request = send(emu.url('/rest/im.message.like'), {
      body: JSON.stringify({ MESSAGE_ID: 1, ACTION: 'plus' }),
      headers: { ...bearer('demo-token-user-1'), 'content-type': 'application/json' },
      headersTimeout: 300,
    });
    await expect(request).rejects.toMatchObject({ code: 'UND_ERR_HEADERS_TIMEOUT' });
    expect(await emu.control.likes('1')).toEqual([]);
    expect((await emu.control.calls())[0]).toMatchObject({ status: null, applied: false, fault: 'hang' });
  });

  it.each([
    ['before-apply', [], false],
    ['after-apply', [1], true],
  ] as const)('reset %s: drops the connection, like applied: %j', async (phase, likedBy, applied) => {
    await emu.control.addFault({ kind: 'reset', phase });
    await expect(like()).rejects.toMatchObject({ code: 'UND_ERR_SOCKET' });
    expect(await emu.control.likes('1')).toEqual(likedBy);
    expect((await emu.control.calls())[0]).toMatchObject({
      status: null,
      error: null,
      applied,
      fault: 'reset',
    });
  });

  it('rejects a malformed fault with 400', async () => {
    const answer = await postJson(emu.url('/_emulator/faults'), { kind: 'delay', ms: -1 });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ error: 'BAD_REQUEST', message: expect.stringContaining('ms') });
  });
});

describe('close()', () => {
  it('destroys hung connections instead of waiting for them', async () => {
    const emulator = await startEmulator({ rateLimit: false });
    await postJson(`${emulator.origin}/_emulator/faults`, { kind: 'hang' });
    const hung = send(`${emulator.origin}/rest/im.message.like?MESSAGE_ID=1`, {
      headers: bearer('demo-token-user-1'),
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await emulator.close();
    await expect(hung).rejects.toMatchObject({ code: 'UND_ERR_SOCKET' });
  });
});
