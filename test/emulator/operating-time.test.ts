import { OperatingTime } from '../../src/emulator/operating-time';
import { bearer, ERRORS, postJson, timeAt } from './http-helpers';
import { useEmulator } from './emulator-fixture';
import { CLOCK_START_MS, manualClock } from './manual-clock';

const START_SEC = CLOCK_START_MS / 1000;

describe('OperatingTime', () => {
  function limiter(secondsPerCall: number) {
    const time = manualClock();
    const operating = new OperatingTime(time.now);
    operating.secondsPerCall = { m: secondsPerCall };
    return { operating, time };
  }

  it('refuses a method only once its time exceeds the limit, so the call that crosses it completes', () => {
    const { operating } = limiter(200);
    const allowed = [1, 2, 3, 4].map(() => {
      const blocked = operating.isBlocked('app', 'm');
      if (!blocked) operating.charge('app', 'm');
      return !blocked;
    });
    expect(allowed).toEqual([true, true, true, false]);
    expect(operating.status('app', 'm')).toEqual({ operating: 600, resetAt: START_SEC + 600 });
  });

  it('keeps one-minute buckets and drops the oldest 10 minutes after its first call', () => {
    const { operating, time } = limiter(200);
    operating.charge('app', 'm');
    time.advance(30_000);
    operating.charge('app', 'm');
    time.advance(30_000);
    operating.charge('app', 'm');
    expect(operating.status('app', 'm')).toEqual({ operating: 600, resetAt: START_SEC + 600 });
    time.advance(539_999);
    expect(operating.isBlocked('app', 'm')).toBe(true);
    time.advance(1);
    expect(operating.status('app', 'm')).toEqual({ operating: 200, resetAt: START_SEC + 660 });
    expect(operating.isBlocked('app', 'm')).toBe(false);
  });

  it('counts each client and method on its own', () => {
    const { operating } = limiter(500);
    operating.charge('app', 'm');
    expect([operating.isBlocked('app', 'm'), operating.isBlocked('hook', 'm')]).toEqual([true, false]);
    expect(operating.isBlocked('app', 'other')).toBe(false);
    expect(operating.status('app', 'other')).toEqual({ operating: 0, resetAt: undefined });
  });
});

describe('operating-time limit over HTTP', () => {
  const time = manualClock();
  const emu = useEmulator({ rateLimit: false, clock: time.now });
  const like = (messageId: number, token = 'demo-token-user-1') =>
    postJson(emu.url('/rest/im.message.like'), { MESSAGE_ID: messageId, ACTION: 'plus' }, bearer(token));

  it('reports each call’s operating time and answers 429 once the method is over its limit', async () => {
    await emu.control.setOptions({ operatingSecondsPerCall: { 'im.message.like': 300 } });
    const now = time.now() / 1000;
    expect((await like(1)).body).toEqual({ result: true, time: timeAt(now, 300) });
    expect((await like(2)).body).toEqual({ result: true, time: timeAt(now, 600) });
    const refused = await like(3, 'demo-token-user-2');
    expect([refused.status, refused.body]).toEqual([429, ERRORS.OPERATION_TIME_LIMIT]);
    expect(await emu.control.likes('3')).toEqual([]);
    time.advance(600_000);
    expect((await like(3)).body).toEqual({ result: true, time: timeAt(now + 600, 300) });
  });

  it('counts a webhook apart from the OAuth application, and refusals not at all', async () => {
    await emu.control.setOptions({
      operatingLimitSec: 100,
      operatingSecondsPerCall: { 'im.message.like': 101 },
    });
    expect((await like(11)).body).toEqual(ERRORS.WITHOUT_CHANGES);
    expect((await like(1)).status).toBe(200);
    expect((await like(2)).status).toBe(429);
    const webhook = await postJson(`${emu.emulator.webhookUrl(1)}im.message.like`, { MESSAGE_ID: 2 });
    expect(webhook.status).toBe(200);
  });
});
