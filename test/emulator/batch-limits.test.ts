import { batchAnswer, likeCommand } from './batch-helpers';
import { bearer, ERRORS, postJson, timeAt } from './http-helpers';
import { useEmulator } from './emulator-fixture';
import { manualClock } from './manual-clock';

const USER_1 = bearer('demo-token-user-1');
const TEN_LIKES = Array.from({ length: 10 }, (_, index) => likeCommand(index + 1));

describe('batch: limits, faults and the call log', () => {
  const time = manualClock();
  const emu = useEmulator({ rateLimit: { perSecond: 0.5, burst: 2 }, clock: time.now });
  const now = time.now() / 1000;
  const batch = (cmd: unknown) => postJson(emu.url('/rest/batch'), { cmd }, USER_1);

  it('costs one unit of the leaky bucket per request, however many commands it carries', async () => {
    expect((await batch(TEN_LIKES)).status).toBe(200);
    expect((await batch(TEN_LIKES.map((command) => command.replace('plus', 'minus')))).status).toBe(200);
    const refused = await batch(TEN_LIKES);
    expect([refused.status, refused.body]).toEqual([503, ERRORS.QUERY_LIMIT_EXCEEDED]);
    expect(await emu.control.likes('1')).toEqual([]);
    const calls = await emu.control.calls();
    expect(calls.map((call) => [call.method, call.status, call.commands?.length])).toEqual([
      ['batch', 200, 10],
      ['batch', 200, 10],
      ['batch', 503, undefined],
    ]);
    expect(calls.flatMap((call) => call.commands ?? []).filter((command) => command.applied)).toHaveLength(
      20,
    );
  });

  it('counts each command toward its own method’s operating time, so one can hit the limit inside a 200', async () => {
    await emu.control.setOptions({ operatingSecondsPerCall: { 'im.message.like': 200, batch: 1000 } });
    const answer = await batch(TEN_LIKES.slice(0, 4));
    expect(answer.body).toEqual(
      batchAnswer(now, {
        result: [true, true, true],
        result_error: { 3: ERRORS.OPERATION_TIME_LIMIT },
        result_time: [timeAt(now, 200), timeAt(now, 400), timeAt(now, 600)],
      }),
    );
    expect(await emu.control.likes('4')).toEqual([]);
    const single = await postJson(emu.url('/rest/im.message.like'), { MESSAGE_ID: 4 }, USER_1);
    expect([single.status, single.body]).toEqual([429, ERRORS.OPERATION_TIME_LIMIT]);
  });

  it.each([
    ['aimed at batch', { method: 'batch' }],
    ['aimed at whatever comes next', {}],
  ])('can apply every command, then reset the connection (%s)', async (_name, target) => {
    await emu.control.addFault({ kind: 'reset', phase: 'after-apply', ...target });
    await expect(batch(TEN_LIKES.slice(0, 2))).rejects.toMatchObject({ code: 'UND_ERR_SOCKET' });
    expect([await emu.control.likes('1'), await emu.control.likes('2')]).toEqual([[1], [1]]);
    const [call] = await emu.control.calls();
    expect(call).toMatchObject({ method: 'batch', status: null, error: null, applied: true, fault: 'reset' });
    expect(call?.commands?.map(({ key, applied }) => [key, applied])).toEqual([
      ['0', true],
      ['1', true],
    ]);
  });

  it('records the batch once, with its params, and each command it ran', async () => {
    await batch({ a: likeCommand(1), b: likeCommand(1) });
    expect(await emu.control.calls()).toEqual([
      {
        method: 'batch',
        userId: 1,
        authKind: 'oauth',
        params: { CMD: { a: likeCommand(1), b: likeCommand(1) } },
        status: 200,
        error: null,
        applied: true,
        fault: null,
        timestamp: new Date(time.now()).toISOString(),
        commands: [
          {
            key: 'a',
            method: 'im.message.like',
            userId: 1,
            params: { MESSAGE_ID: '1', ACTION: 'plus' },
            error: null,
            applied: true,
          },
          {
            key: 'b',
            method: 'im.message.like',
            userId: 1,
            params: { MESSAGE_ID: '1', ACTION: 'plus' },
            error: 'WITHOUT_CHANGES',
            applied: false,
          },
        ],
      },
    ]);
  });
});
