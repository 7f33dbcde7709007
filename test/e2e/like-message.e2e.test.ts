import { print } from 'graphql';
import { request } from 'undici';
import { LikeMessageDocument, type LikeAction, type LikeMessageMutation } from '../generated/graphql';
import { spawnEmulator, type EmulatorProcess } from '../support/emulator-process';
import { unchangedLike } from '../support/expected-outcomes';
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

async function rawPost(body: string): Promise<unknown> {
  const response = await request(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  return response.body.json();
}

// Sent and answered through the generated typed document: the expectations below are typed by it, so a schema
// change that breaks what a client selects fails the type check, and the server answering it fails the test.
const like = (id: string, action?: LikeAction) =>
  gateway.execute(LikeMessageDocument, action ? { id, action } : { id });

const success = (id: string, action: LikeAction, liked: boolean | null): { data: LikeMessageMutation } => ({
  data: { likeMessage: { __typename: 'LikeMessageSuccess', liked, action, message: { portal, id } } },
});

const unchanged = (id: string, action: LikeAction): { data: LikeMessageMutation } => ({
  data: { likeMessage: unchangedLike(portal, id, action) },
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

  it('reports PLUS on a message where the caller has another reaction as unchanged; AUTO then removes it', async () => {
    await emulator.control.setup({ reactions: [{ messageId: '6', userId: 1, reaction: 'redHeart' }] });
    expect((await like('6', 'PLUS')).body).toEqual(unchanged('6', 'PLUS'));
    expect(await emulator.control.likes('6')).toEqual([1]);
    expect((await like('6', 'AUTO')).body).toEqual(success('6', 'AUTO', null));
    expect(await emulator.control.likes('6')).toEqual([]);
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

  it('answers MessageIdError for an id sent as a JSON number too large to be exact, without calling Bitrix24', async () => {
    const rounded = {
      __typename: 'MessageIdError',
      code: 'MESSAGE_ID_ERROR',
      description:
        'messageId was sent as a JSON number too large to be exact, so it no longer names the message meant: ' +
        'send it as a string',
    };
    // Written by hand: JSON.stringify could not produce this body, since the number is no longer exact in JS.
    const likeBody = `{"query": ${JSON.stringify(print(LikeMessageDocument))}, "variables": {"id": 123456789012345678}}`;
    const bulkBody =
      '{"query": "mutation ($likes: [LikeInput!]!) { likeMessages(likes: $likes) { __typename } }", ' +
      '"variables": {"likes": [{"messageId": 123456789012345678}, {"messageId": 4, "action": "PLUS"}]}}';
    const [single, bulk] = await Promise.all([rawPost(likeBody), rawPost(bulkBody)]);
    expect(single).toEqual({ data: { likeMessage: rounded } });
    expect(bulk).toEqual({
      data: { likeMessages: [{ __typename: 'MessageIdError' }, { __typename: 'LikeMessageSuccess' }] },
    });
    const calls = await emulator.control.calls();
    expect(calls.map((call) => call.params)).toEqual([{ MESSAGE_ID: '4', ACTION: 'plus' }]);
  });

  it('keeps ids sent as safe JSON numbers working', async () => {
    const body = `{"query": ${JSON.stringify(print(LikeMessageDocument))}, "variables": {"id": 5, "action": "PLUS"}}`;
    expect(await rawPost(body)).toEqual(success('5', 'PLUS', true));
  });

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
