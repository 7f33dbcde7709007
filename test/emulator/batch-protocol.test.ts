import { batchAnswer, likeCommand } from './batch-helpers';
import { bearer, ERRORS, JSON_TYPE, postForm, postJson, send, timeAt } from './http-helpers';
import { useEmulator } from './emulator-fixture';
import { manualClock } from './manual-clock';

const USER_1 = bearer('demo-token-user-1');

describe('batch: input forms', () => {
  const time = manualClock();
  const emu = useEmulator({ rateLimit: false, clock: time.now });
  const now = time.now() / 1000;
  const named = batchAnswer(now, {
    result: { a: true, b: true },
    result_time: { a: timeAt(now), b: timeAt(now) },
  });

  it('takes cmd as a map in a JSON body, keys naming the results', async () => {
    const answer = await postJson(
      emu.url('/rest/batch'),
      { cmd: { a: likeCommand(1), b: likeCommand(2) } },
      USER_1,
    );
    expect([answer.status, answer.headers['content-type'], answer.body]).toEqual([200, JSON_TYPE, named]);
    expect([await emu.control.likes('1'), await emu.control.likes('2')]).toEqual([[1], [1]]);
  });

  it('takes cmd as a list, and answers lists for sections keyed 0..n-1', async () => {
    const answer = await postJson(
      emu.url('/rest/batch.json'),
      { cmd: [likeCommand(1), likeCommand(2)] },
      USER_1,
    );
    expect(answer.body).toEqual(
      batchAnswer(now, { result: [true, true], result_time: [timeAt(now), timeAt(now)] }),
    );
    expect(answer.text).toContain('"result_error":[],"result_total":[],"result_next":[]');
  });

  it('takes cmd[key]=... in a form body', async () => {
    const form = { 'cmd[a]': likeCommand(1), 'cmd[b]': likeCommand(2), halt: '0' };
    expect((await postForm(emu.url('/rest/batch'), form, USER_1)).body).toEqual(named);
  });

  it('takes cmd[key]=... in the query string, credentials included', async () => {
    const query = new URLSearchParams({
      'cmd[a]': likeCommand(1),
      'cmd[b]': likeCommand(2),
      auth: 'demo-token-user-1',
    });
    expect((await send(emu.url(`/rest/batch?${query}`))).body).toEqual(named);
  });

  it('runs every command with the batch’s own credentials, whatever auth a command carries', async () => {
    const cmd = { a: 'im.message.like?ID=3&auth=demo-token-user-2&access_token=x', b: likeCommand(13) };
    const answer = await postJson(`${emu.emulator.webhookUrl(1)}batch`, { cmd });
    expect(answer.body).toEqual(
      batchAnswer(now, {
        result: { a: true },
        result_error: { b: ERRORS.WITHOUT_CHANGES },
        result_time: { a: timeAt(now) },
      }),
    );
    expect(await emu.control.likes('3')).toEqual([1]);
    const [call] = await emu.control.calls();
    expect(call?.commands?.map(({ userId, params }) => [userId, params])).toEqual([
      [1, { ID: '3' }],
      [1, { MESSAGE_ID: '13', ACTION: 'plus' }],
    ]);
  });

  it('parses each command like parse_url and parse_str: any case, no fragment, the last value winning', async () => {
    const cmd = [
      'im.message.like?message_id=4&Action=minus&action=plus#ignored',
      'IM.MESSAGE.LIKE?ID=5&ACTION=plus',
    ];
    await postJson(emu.url('/rest/batch'), { cmd }, USER_1);
    expect([await emu.control.likes('4'), await emu.control.likes('5')]).toEqual([[1], [1]]);
  });

  it('refuses the whole batch when its own credentials fail, running nothing', async () => {
    const answer = await postJson(emu.url('/rest/batch'), { cmd: [likeCommand(1)] });
    expect([answer.status, answer.body]).toEqual([401, ERRORS.NO_AUTH_FOUND]);
    expect(await emu.control.likes('1')).toEqual([]);
  });
});

describe('batch: what json_encode makes of the sections', () => {
  const time = manualClock();
  const emu = useEmulator({ rateLimit: false, clock: time.now });
  const now = time.now() / 1000;
  const batch = (cmd: unknown) => postJson(emu.url('/rest/batch'), { halt: 0, cmd }, USER_1);

  it('a failing first command of a list makes result_error a list and result an object', async () => {
    expect((await batch([likeCommand(11), likeCommand(1)])).body).toEqual(
      batchAnswer(now, {
        result: { 1: true },
        result_error: [ERRORS.WITHOUT_CHANGES],
        result_time: { 1: timeAt(now) },
      }),
    );
  });

  it('a failing later command keeps result a list and makes result_error an object', async () => {
    expect((await batch([likeCommand(1), likeCommand(11)])).body).toEqual(
      batchAnswer(now, {
        result: [true],
        result_error: { 1: ERRORS.WITHOUT_CHANGES },
        result_time: [timeAt(now)],
      }),
    );
  });

  it('a map keyed "0", "1" is a list too; an empty or missing cmd gives five empty lists', async () => {
    const answer = await batch({ 0: likeCommand(1), 1: likeCommand(2) });
    expect(answer.body).toEqual(
      batchAnswer(now, { result: [true, true], result_time: [timeAt(now), timeAt(now)] }),
    );
    for (const cmd of [{}, [], 'im.message.like?ID=1', undefined])
      expect((await batch(cmd)).body).toEqual(batchAnswer(now, {}));
    expect(await emu.control.likes('1')).toEqual([1]);
  });
});
