import { bearer, ERRORS, LIKE_SUCCESS, postJson } from './http-helpers';
import { useEmulator } from './emulator-fixture';

describe('im.message.like semantics', () => {
  const emu = useEmulator();
  const like = (user: number, params: Record<string, unknown>) =>
    postJson(emu.url('/rest/im.message.like'), params, bearer(`demo-token-user-${user}`));

  it('plus sets the like and is refused when already set', async () => {
    expect((await like(1, { MESSAGE_ID: 1, ACTION: 'plus' })).body).toEqual(LIKE_SUCCESS);
    const again = await like(1, { MESSAGE_ID: 1, ACTION: 'plus' });
    expect([again.status, again.body]).toEqual([400, ERRORS.WITHOUT_CHANGES]);
    expect(await emu.control.likes('1')).toEqual([1]);
  });

  it('minus removes the like and is refused when not set', async () => {
    const unset = await like(1, { MESSAGE_ID: 1, ACTION: 'minus' });
    expect([unset.status, unset.body]).toEqual([400, ERRORS.WITHOUT_CHANGES]);
    await like(1, { MESSAGE_ID: 1, ACTION: 'plus' });
    expect((await like(1, { MESSAGE_ID: 1, ACTION: 'minus' })).body).toEqual(LIKE_SUCCESS);
    expect(await emu.control.likes('1')).toEqual([]);
  });

  it('auto (explicit, missing or unknown ACTION) toggles, so sending it twice undoes it', async () => {
    await like(1, { MESSAGE_ID: 1, ACTION: 'auto' });
    expect(await emu.control.likes('1')).toEqual([1]);
    await like(1, { MESSAGE_ID: 1 });
    expect(await emu.control.likes('1')).toEqual([]);
    expect((await like(1, { MESSAGE_ID: 1, ACTION: 'like' })).body).toEqual(LIKE_SUCCESS);
    expect(await emu.control.likes('1')).toEqual([1]);
  });

  it('keeps likes per user', async () => {
    await like(1, { MESSAGE_ID: 3, ACTION: 'plus' });
    await like(2, { MESSAGE_ID: 3, ACTION: 'plus' });
    expect(await emu.control.likes('3')).toEqual([1, 2]);
    await like(1, { MESSAGE_ID: 3, ACTION: 'minus' });
    expect(await emu.control.likes('3')).toEqual([2]);
  });

  it('answers WITHOUT_CHANGES when the caller is not a member of the chat', async () => {
    const answer = await like(1, { MESSAGE_ID: 11, ACTION: 'plus' });
    expect([answer.status, answer.body]).toEqual([400, ERRORS.WITHOUT_CHANGES]);
    expect(await emu.control.likes('11')).toEqual([]);
  });

  it('answers WITHOUT_CHANGES for a message that does not exist', async () => {
    const answer = await like(1, { MESSAGE_ID: 999, ACTION: 'plus' });
    expect([answer.status, answer.body]).toEqual([400, ERRORS.WITHOUT_CHANGES]);
  });

  it.each<[string, Record<string, unknown>]>([
    ['missing', {}],
    ['zero', { MESSAGE_ID: 0 }],
    ['negative', { MESSAGE_ID: -5 }],
    ['non-numeric', { MESSAGE_ID: 'abc' }],
    ['empty', { MESSAGE_ID: '' }],
    ['null', { MESSAGE_ID: null }],
    ['an empty array', { MESSAGE_ID: [] }],
  ])('answers 400 MESSAGE_ID_ERROR when the id is %s', async (_name, params) => {
    const answer = await like(1, { ...params, ACTION: 'plus' });
    expect([answer.status, answer.body]).toEqual([400, ERRORS.MESSAGE_ID_ERROR]);
  });

  it('answers PARAMS_ERROR instead when set to behave like an older build', async () => {
    await emu.control.setOptions({ legacyParamsError: true });
    const answer = await like(1, { MESSAGE_ID: 0 });
    expect([answer.status, answer.body]).toEqual([400, ERRORS.PARAMS_ERROR]);
  });

  it('treats true as message 1 and a non-empty array as 1, as intval does', async () => {
    await like(1, { MESSAGE_ID: true, ACTION: 'plus' });
    await like(2, { MESSAGE_ID: [7], ACTION: 'plus' });
    expect(await emu.control.likes('1')).toEqual([1, 2]);
  });
});
