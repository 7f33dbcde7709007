import { bearer, ERRORS, LIKE_SUCCESS, postJson, send } from './http-helpers';
import { useEmulator } from './emulator-fixture';
import { manualClock } from './manual-clock';

describe('rate limit (leaky bucket per source IP)', () => {
  const time = manualClock();
  const emu = useEmulator({ rateLimit: { perSecond: 0.5, burst: 3 }, clock: time.now });
  const like = (params: Record<string, unknown>, headers = bearer('demo-token-user-1')) =>
    postJson(emu.url('/rest/im.message.like'), params, headers);

  it('answers 503 QUERY_LIMIT_EXCEEDED past the burst, and recovers as the bucket drains', async () => {
    for (const id of [1, 2, 3]) expect((await like({ MESSAGE_ID: id })).status).toBe(200);
    const refused = await like({ MESSAGE_ID: 4 });
    expect([refused.status, refused.body]).toEqual([503, ERRORS.QUERY_LIMIT_EXCEEDED]);
    expect(await emu.control.likes('4')).toEqual([]);
    time.advance(1_999);
    expect((await like({ MESSAGE_ID: 4 })).status).toBe(503);
    time.advance(1);
    expect((await like({ MESSAGE_ID: 4 })).body).toEqual(LIKE_SUCCESS);
    expect((await like({ MESSAGE_ID: 5 })).status).toBe(503);
  });

  it('counts requests before authentication, and the control API not at all', async () => {
    for (let i = 0; i < 3; i += 1) expect((await like({ MESSAGE_ID: 1 }, {})).status).toBe(401);
    expect((await send(emu.url('/_emulator/calls'))).status).toBe(200);
    const refused = await like({ MESSAGE_ID: 1 }, {});
    expect([refused.status, refused.body]).toEqual([503, ERRORS.QUERY_LIMIT_EXCEEDED]);
    const log = await emu.control.calls();
    expect(log.map((call) => [call.status, call.error, call.authKind])).toEqual([
      [401, 'NO_AUTH_FOUND', 'none'],
      [401, 'NO_AUTH_FOUND', 'none'],
      [401, 'NO_AUTH_FOUND', 'none'],
      [503, 'QUERY_LIMIT_EXCEEDED', 'none'],
    ]);
  });

  it('can be changed or switched off at run time, and reset restores the start-up limit', async () => {
    await emu.control.setOptions({ rateLimit: false });
    for (let i = 0; i < 6; i += 1) expect((await like({ MESSAGE_ID: 1 })).status).toBe(200);
    await emu.control.setOptions({ rateLimit: { perSecond: 1, burst: 1 } });
    expect((await like({ MESSAGE_ID: 1 })).status).toBe(200);
    expect((await like({ MESSAGE_ID: 1 })).status).toBe(503);
    await emu.control.reset();
    expect(await send(emu.url('/_emulator/options')).then((answer) => answer.body)).toEqual({
      rateLimit: { perSecond: 0.5, burst: 3 },
      legacyParamsError: false,
      operatingLimitSec: 480,
      operatingSecondsPerCall: {},
    });
  });
});
