import { LikeMessageDocument, type LikeAction, type LikeMessageMutation } from '../generated/graphql';
import { spawnEmulator, type EmulatorProcess } from '../support/emulator-process';
import { emulatorConfig, startGateway, type RunningGateway } from '../support/running-gateway';

let emulator: EmulatorProcess;
let gateway: RunningGateway;
let portal: string;

beforeAll(async () => {
  emulator = await spawnEmulator({ EMULATOR_RATE_LIMIT: 'off' });
  portal = new URL(emulator.origin).host;
  gateway = await startGateway(emulatorConfig(await emulator.control.webhookUrl(1), []));
});
afterAll(async () => {
  await gateway?.close();
  await emulator?.stop();
});
beforeEach(() => emulator.control.reset());

// Sent and answered through the generated typed document: the expectations below are typed by it, so a schema
// change that breaks what a client selects fails the type check, and the server answering it fails the test.
const like = (id: string, action?: LikeAction) =>
  gateway.execute(LikeMessageDocument, action ? { id, action } : { id });

const success = (id: string, action: LikeAction, liked: boolean | null): { data: LikeMessageMutation } => ({
  data: { likeMessage: { __typename: 'LikeMessageSuccess', liked, action, message: { portal, id } } },
});

const unchanged = (id: string, action: LikeAction): { data: LikeMessageMutation } => ({
  data: {
    likeMessage: {
      __typename: 'LikeUnchangedError',
      action,
      message: { portal, id },
      code: 'WITHOUT_CHANGES',
      description:
        'Nothing changed: the like was already in that state, or the message does not exist or is not visible ' +
        'to the caller (Bitrix24 does not say which)',
    },
  },
});

describe('likeMessage over HTTP on the emulator (webhook of user 1)', () => {
  it('PLUS sets the like, and a second PLUS changes nothing', async () => {
    expect((await like('1', 'PLUS')).body).toEqual(success('1', 'PLUS', true));
    expect(await emulator.control.likes('1')).toEqual([1]);
    expect((await like('1', 'PLUS')).body).toEqual(unchanged('1', 'PLUS'));
    expect(await emulator.control.likes('1')).toEqual([1]);
  });

  it('MINUS removes the like, and a second MINUS changes nothing', async () => {
    await emulator.control.setup({ likes: [{ messageId: '2', userId: 1 }] });
    expect((await like('2', 'MINUS')).body).toEqual(success('2', 'MINUS', false));
    expect(await emulator.control.likes('2')).toEqual([]);
    expect((await like('2', 'MINUS')).body).toEqual(unchanged('2', 'MINUS'));
  });

  it('AUTO (the default) toggles', async () => {
    expect((await like('3')).body).toEqual(success('3', 'AUTO', null));
    expect(await emulator.control.likes('3')).toEqual([1]);
    expect((await like('3', 'AUTO')).body).toEqual(success('3', 'AUTO', null));
    expect(await emulator.control.likes('3')).toEqual([]);
  });

  it('reports a message in a chat the caller is not in, or a missing one, as unchanged', async () => {
    expect((await like('11', 'PLUS')).body).toEqual(unchanged('11', 'PLUS'));
    expect((await like('987654', 'PLUS')).body).toEqual(unchanged('987654', 'PLUS'));
    expect(await emulator.control.likes('11')).toEqual([]);
  });

  it('forwards an 18-digit id as its exact decimal text', async () => {
    const id = '923456789012345678';
    await emulator.control.setup({ messages: [{ id, chatId: 1 }] });
    expect((await like(id, 'PLUS')).body).toEqual(success(id, 'PLUS', true));
    expect(await emulator.control.likes(id)).toEqual([1]);
    const [call] = await emulator.control.calls();
    expect(call?.params).toEqual({ MESSAGE_ID: id, ACTION: 'plus' });
  });

  it.each(['0', '-1', '+1', '01', '1.0', '1abc', '1e3', ' 1', '', '１', '١', '1234567890123456789'])(
    'answers MessageIdError for %p without calling Bitrix24',
    async (id) => {
      expect((await like(id, 'PLUS')).body).toEqual<{ data: LikeMessageMutation }>({
        data: {
          likeMessage: {
            __typename: 'MessageIdError',
            code: 'MESSAGE_ID_ERROR',
            description:
              'messageId must be a positive decimal integer of at most 18 digits, sent as a string',
          },
        },
      });
      expect(await emulator.control.calls()).toEqual([]);
    },
  );

  it('rejects an action outside the enum without calling Bitrix24', async () => {
    const response = await gateway.graphql({
      query: 'mutation { likeMessage(messageId: "1", action: toggle) { __typename } }',
    });
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
    expect(await emulator.control.calls()).toEqual([]);
  });

  it('marks answers, success or error, as not to be stored by any cache', async () => {
    const applied = await like('1', 'PLUS');
    const refused = await gateway.graphql({
      query: 'mutation { likeMessage(messageId: "1", action: toggle) { __typename } }',
    });
    expect([applied.headers['cache-control'], refused.headers['cache-control']]).toEqual([
      'no-store',
      'no-store',
    ]);
  });

  it('echoes or makes a request id', async () => {
    const given = await gateway.execute(LikeMessageDocument, { id: '0' }, { 'x-request-id': 'abc-1' });
    expect(given.headers['x-request-id']).toBe('abc-1');
    const made = await gateway.execute(LikeMessageDocument, { id: '0' });
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
