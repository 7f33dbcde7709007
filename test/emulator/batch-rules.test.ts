import { batchAnswer, likeCommand } from './batch-helpers';
import { bearer, ERRORS, postForm, postJson, timeAt } from './http-helpers';
import { useEmulator } from './emulator-fixture';
import { manualClock } from './manual-clock';

const USER_1 = bearer('demo-token-user-1');
const FAIL_THEN_LIKE = [likeCommand(11), likeCommand(1)];

describe('batch: halt, length and nesting', () => {
  const time = manualClock();
  const emu = useEmulator({ rateLimit: false, clock: time.now });
  const now = time.now() / 1000;
  const batch = (payload: object) => postJson(emu.url('/rest/batch'), payload, USER_1);
  const halted = batchAnswer(now, { result_error: [ERRORS.WITHOUT_CHANGES] });
  const ranOn = batchAnswer(now, {
    result: { 1: true },
    result_error: [ERRORS.WITHOUT_CHANGES],
    result_time: { 1: timeAt(now) },
  });

  it.each<[string, unknown, boolean]>([
    ['1', 1, true],
    ['true', true, true],
    ['the string "false"', 'false', true],
    ['the string "no"', 'no', true],
    ['0', 0, false],
    ['false', false, false],
    ['the string "0"', '0', false],
    ['an empty string', '', false],
    ['null', null, false],
    ['an empty list', [], false],
  ])('reads halt %s as PHP’s (bool) does: stops after the first error: %j', async (_name, halt, stops) => {
    const answer = await batch({ halt, cmd: FAIL_THEN_LIKE });
    expect(answer.body).toEqual(stops ? halted : ranOn);
    expect(await emu.control.likes('1')).toEqual(stops ? [] : [1]);
  });

  it('reads halt=false in a form as true, and leaves the halted commands out of the call log', async () => {
    const form = { halt: 'false', 'cmd[0]': likeCommand(11), 'cmd[1]': likeCommand(1) };
    expect((await postForm(emu.url('/rest/batch'), form, USER_1)).body).toEqual(halted);
    const [call] = await emu.control.calls();
    expect(call?.commands).toEqual([
      {
        key: '0',
        method: 'im.message.like',
        userId: 1,
        params: { MESSAGE_ID: '11', ACTION: 'plus' },
        error: 'WITHOUT_CHANGES',
        applied: false,
      },
    ]);
  });

  it('runs the first 50 commands and refuses each one past them', async () => {
    const cmd = Array.from({ length: 52 }, () => likeCommand(1, 'auto'));
    const answer = await batch({ cmd });
    const exceeded = ERRORS.ERROR_BATCH_LENGTH_EXCEEDED;
    expect(answer.body).toEqual(
      batchAnswer(now, {
        result: Array.from({ length: 50 }, () => true),
        result_error: { 50: exceeded, 51: exceeded },
        result_time: Array.from({ length: 50 }, () => timeAt(now)),
      }),
    );
    expect(await emu.control.likes('1')).toEqual([]);
    const halted = await batch({ halt: 1, cmd });
    expect((halted.body as { result: { result_error: unknown } }).result.result_error).toEqual({
      50: exceeded,
    });
  });

  it('skips non-string commands silently, yet counts them toward the 50', async () => {
    const mixed = { a: 5, b: { x: likeCommand(2) }, c: null, d: likeCommand(3) };
    expect((await batch({ cmd: mixed })).body).toEqual(
      batchAnswer(now, { result: { d: true }, result_time: { d: timeAt(now) } }),
    );
    const padded = [...Array.from({ length: 50 }, () => null), likeCommand(1)];
    expect((await batch({ cmd: padded })).body).toEqual(
      batchAnswer(now, { result_error: { 50: ERRORS.ERROR_BATCH_LENGTH_EXCEEDED } }),
    );
    expect([await emu.control.likes('1'), await emu.control.likes('2')]).toEqual([[], []]);
  });

  it('refuses a nested batch (and download, upload) but runs the other commands', async () => {
    const notAllowed = ERRORS.ERROR_BATCH_METHOD_NOT_ALLOWED;
    const cmd = {
      nested: `batch?cmd[x]=${encodeURIComponent(likeCommand(1))}`,
      shouting: 'BATCH',
      download: 'download?id=1',
      unknown: 'im.message.unlike?ID=1',
      ok: likeCommand(2),
    };
    expect((await batch({ cmd })).body).toEqual(
      batchAnswer(now, {
        result: { ok: true },
        result_error: {
          nested: notAllowed,
          shouting: notAllowed,
          download: notAllowed,
          unknown: ERRORS.ERROR_METHOD_NOT_FOUND,
        },
        result_time: { ok: timeAt(now) },
      }),
    );
    expect([await emu.control.likes('1'), await emu.control.likes('2')]).toEqual([[], [1]]);
  });
});
