import { bearer, ERRORS, LIKE_SUCCESS, postJson, send } from './http-helpers';
import { useEmulator } from './emulator-fixture';

describe('reactions and im.message.like', () => {
  const emu = useEmulator();
  const like = (action: string, user = 1) =>
    postJson(
      emu.url('/rest/im.message.like'),
      { MESSAGE_ID: 1, ACTION: action },
      bearer(`demo-token-user-${user}`),
    );
  const react = (userId: number, reaction: string | null) =>
    send(emu.url('/_emulator/reactions'), {
      method: 'PUT',
      body: JSON.stringify({ messageId: '1', userId, reaction }),
      headers: { 'content-type': 'application/json' },
    });
  /** params.LIKE and the reactions of message 1. */
  const message1 = async () => ({
    likedBy: await emu.control.likes('1'),
    reactions: (await send(emu.url('/_emulator/reactions/1'))).body,
  });
  const state = (likedBy: number[], reactions: Array<{ userId: number; reaction: string }>) => ({
    likedBy,
    reactions: { messageId: '1', reactions },
  });

  it('records a like as the reaction `like`, and MINUS removes it', async () => {
    expect((await like('plus')).body).toEqual(LIKE_SUCCESS);
    expect(await message1()).toEqual(state([1], [{ userId: 1, reaction: 'like' }]));
    expect((await like('minus')).body).toEqual(LIKE_SUCCESS);
    expect(await message1()).toEqual(state([], []));
  });

  it('lists a user with any reaction in params.LIKE, one reaction per user', async () => {
    expect((await react(1, 'like')).status).toBe(200);
    await react(1, 'redHeart');
    await react(2, 'laugh');
    expect(await message1()).toEqual(
      state(
        [1, 2],
        [
          { userId: 1, reaction: 'redHeart' },
          { userId: 2, reaction: 'laugh' },
        ],
      ),
    );
    await react(2, null);
    expect(await message1()).toEqual(state([1], [{ userId: 1, reaction: 'redHeart' }]));
  });

  it('answers PLUS with WITHOUT_CHANGES when the caller has another reaction, adding no like', async () => {
    await react(1, 'redHeart');
    const answer = await like('plus');
    expect([answer.status, answer.body]).toEqual([400, ERRORS.WITHOUT_CHANGES]);
    expect(await message1()).toEqual(state([1], [{ userId: 1, reaction: 'redHeart' }]));
  });

  it.each(['minus', 'auto'])(
    'takes the caller off params.LIKE on %s while their other reaction stays, as CIMMessenger::Like does',
    async (action) => {
      await react(1, 'redHeart');
      expect((await like(action)).body).toEqual(LIKE_SUCCESS);
      expect(await message1()).toEqual(state([], [{ userId: 1, reaction: 'redHeart' }]));
      expect((await like('minus')).body).toEqual(ERRORS.WITHOUT_CHANGES);
      expect((await like('plus')).body).toEqual(LIKE_SUCCESS);
      expect(await message1()).toEqual(state([1], [{ userId: 1, reaction: 'like' }]));
    },
  );

  it('leaves the caller alone when another user has a reaction', async () => {
    await react(2, 'redHeart');
    expect((await like('plus')).body).toEqual(LIKE_SUCCESS);
    expect(await message1()).toEqual(
      state(
        [1, 2],
        [
          { userId: 1, reaction: 'like' },
          { userId: 2, reaction: 'redHeart' },
        ],
      ),
    );
  });

  it('takes reactions in setup, likes as the reaction `like`, and refuses a malformed one', async () => {
    await emu.control.setup({ likes: [{ messageId: '1', userId: 2 }] });
    await postJson(emu.url('/_emulator/setup'), {
      reactions: [{ messageId: '1', userId: 1, reaction: 'cry' }],
    });
    expect(await message1()).toEqual(
      state(
        [1, 2],
        [
          { userId: 1, reaction: 'cry' },
          { userId: 2, reaction: 'like' },
        ],
      ),
    );
    const bad = await react(1, 'red heart');
    expect([bad.status, bad.body]).toEqual([
      400,
      { error: 'BAD_REQUEST', message: expect.stringContaining('reaction') },
    ]);
    expect((await send(emu.url('/_emulator/reactions/0'))).status).toBe(400);
  });
});
