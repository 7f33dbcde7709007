import fc from 'fast-check';
import { propertyRuns } from '../support/property-runs';
import { LikeMessagesDocument, type LikeAction } from '../generated/graphql';
import { LIKE_MESSAGE } from '../graphql/like-message.operations';
import { spawnEmulator, type EmulatorProcess } from '../support/emulator-process';
import { unchangedLike } from '../support/expected-outcomes';
import { testResilience } from '../support/resilience';
import { emulatorConfig, startGateway, type RunningGateway } from '../support/running-gateway';

let emulator: EmulatorProcess;
let webhook: string;
let portal: string;
const gateways: RunningGateway[] = [];

beforeAll(async () => {
  emulator = await spawnEmulator({ EMULATOR_RATE_LIMIT: 'off' });
  webhook = await emulator.control.webhookUrl(1);
  portal = new URL(emulator.origin).host;
});
afterAll(() => emulator?.stop());
beforeEach(() => emulator.control.reset());
afterEach(async () => {
  await Promise.all(gateways.splice(0).map((gateway) => gateway.close()));
});

/** A gateway whose bucket (3 slots) is under pressure as soon as two calls are in flight. */
async function gatewayWith(resilience = testResilience({ rateLimit: { perSecond: 1_000, burst: 4 } })) {
  const gateway = await startGateway(emulatorConfig(webhook, [], 5_000), { resilience });
  gateways.push(gateway);
  return gateway;
}

const like = (gateway: RunningGateway, id: string, action: LikeAction) =>
  gateway.graphql({ query: LIKE_MESSAGE, variables: { id, action } });

const answerOf = (body: { data?: unknown; errors?: unknown }) =>
  (body.data as { likeMessage?: unknown } | null)?.likeMessage ?? body.errors;

describe('coalescing over HTTP', () => {
  it('sends likes together once two calls hold the bucket, each command seen inside the batch', async () => {
    // 5 per second: a waiting like leaves at the next drained slot, 200 ms on, long after the others arrive.
    const gateway = await gatewayWith(testResilience({ rateLimit: { perSecond: 5, burst: 4 } }));
    await emulator.control.addFault({ kind: 'delay', ms: 150, times: 2 });
    await emulator.control.setup({ likes: [{ messageId: '4', userId: 1 }] });
    const held = Promise.all([like(gateway, '1', 'PLUS'), like(gateway, '2', 'PLUS')]);
    await waitForCalls(2);
    const answers = await Promise.all([
      like(gateway, '3', 'AUTO'),
      like(gateway, '4', 'MINUS'),
      like(gateway, '5', 'PLUS'),
    ]);
    await held;
    expect(answers.map((answer) => answerOf(answer.body))).toEqual([
      { __typename: 'LikeMessageSuccess', liked: null, action: 'AUTO', message: { portal, id: '3' } },
      { __typename: 'LikeMessageSuccess', liked: false, action: 'MINUS', message: { portal, id: '4' } },
      { __typename: 'LikeMessageSuccess', liked: true, action: 'PLUS', message: { portal, id: '5' } },
    ]);
    const calls = await emulator.control.calls();
    expect(calls.map((call) => call.method)).toEqual(['im.message.like', 'im.message.like', 'batch']);
    expect(calls[2]?.commands?.map(({ method, params }) => [method, params])).toEqual([
      ['im.message.like', { MESSAGE_ID: '3', ACTION: 'auto' }],
      ['im.message.like', { MESSAGE_ID: '4', ACTION: 'minus' }],
      ['im.message.like', { MESSAGE_ID: '5', ACTION: 'plus' }],
    ]);
  });
});

describe('likeMessages over HTTP', () => {
  it('answers in input order from one batch, mixing successes, refusals and invalid ids', async () => {
    const gateway = await gatewayWith(testResilience());
    await emulator.control.setup({ likes: [{ messageId: '2', userId: 1 }] });
    const likes = [
      { messageId: '1', action: 'PLUS' as const },
      { messageId: '2', action: 'PLUS' as const },
      { messageId: '1abc', action: 'PLUS' as const },
      { messageId: '11', action: 'PLUS' as const },
      { messageId: '3' },
    ];
    const response = await gateway.execute(LikeMessagesDocument, { likes });
    const unchanged = (id: string) => unchangedLike(portal, id, 'PLUS');
    expect(response.body).toEqual({
      data: {
        likeMessages: [
          { __typename: 'LikeMessageSuccess', liked: true, action: 'PLUS', message: { portal, id: '1' } },
          unchanged('2'),
          {
            __typename: 'MessageIdError',
            code: 'MESSAGE_ID_ERROR',
            description:
              'messageId must be a positive decimal integer of at most 18 digits, sent as a string',
          },
          unchanged('11'),
          { __typename: 'LikeMessageSuccess', liked: null, action: 'AUTO', message: { portal, id: '3' } },
        ],
      },
    });
    const calls = await emulator.control.calls();
    expect(calls.map((call) => [call.method, call.commands?.length])).toEqual([['batch', 4]]);
  });

  it('gives [failing item, good item] exactly [null, answer] with one error at the failing path', async () => {
    const gateway = await gatewayWith(testResilience());
    // Bitrix24 applies the whole batch, then the connection breaks: the toggle may not be sent again.
    await emulator.control.addFault({ kind: 'reset', phase: 'after-apply', method: 'batch', times: 1 });
    const response = await gateway.execute(LikeMessagesDocument, {
      likes: [
        { messageId: '7', action: 'AUTO' },
        { messageId: '8', action: 'PLUS' },
      ],
    });
    expect(response.body).toEqual({
      data: {
        likeMessages: [
          null,
          {
            __typename: 'LikeUnchangedError',
            action: 'PLUS',
            message: { portal, id: '8' },
            code: 'WITHOUT_CHANGES',
            description: expect.any(String),
          },
        ],
      },
      errors: [
        {
          message: 'The connection to Bitrix24 broke before it answered',
          locations: [{ line: 2, column: 3 }],
          path: ['likeMessages', 0],
          extensions: { code: 'UPSTREAM_ERROR', outcome: 'UNKNOWN' },
        },
      ],
    });
    // The toggle was applied exactly once; PLUS was sent again and found its like in place.
    expect(await emulator.control.likes('7')).toEqual([1]);
    expect(await emulator.control.likes('8')).toEqual([1]);
  });

  it('refuses more likes than the limit with HTTP 400, calling nothing', async () => {
    const gateway = await gatewayWith(testResilience());
    const likes = Array.from({ length: 51 }, (_, index) => ({ messageId: String(index + 1) }));
    const response = await gateway.execute(LikeMessagesDocument, { likes });
    expect([response.status, response.body.errors?.[0]?.extensions]).toEqual([
      400,
      { code: 'BAD_USER_INPUT' },
    ]);
    expect(await emulator.control.calls()).toEqual([]);
  });
});

const ACTIONS: LikeAction[] = ['PLUS', 'MINUS', 'AUTO'];
// Per message: whether the caller likes it already, and whether the caller may see it (chat 2 is not theirs).
const messageCase = fc.record({
  action: fc.constantFrom(...ACTIONS),
  likedBefore: fc.boolean(),
  visible: fc.boolean(),
  delayMs: fc.integer({ min: 0, max: 40 }),
});

it('answers every like sent together exactly as the same like is answered alone', async () => {
  const gateway = await gatewayWith();
  let batches = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(messageCase, { minLength: 2, maxLength: 12 }), async (cases) => {
      const ids = cases.map((c, index) => String((c.visible ? 101 : 201) + index));
      const arrange = async () => {
        await emulator.control.reset();
        await emulator.control.setup({
          messages: ids.map((id, index) => ({ id, chatId: cases[index]?.visible ? 1 : 2 })),
          likes: ids
            .filter((_, index) => cases[index]?.likedBefore)
            .map((id) => ({ messageId: id, userId: 1 })),
        });
      };
      await arrange();
      const alone = [];
      for (const [index, id] of ids.entries())
        alone.push(answerOf((await like(gateway, id, cases[index]!.action)).body));
      await arrange();
      for (const c of cases) await emulator.control.addFault({ kind: 'delay', ms: c.delayMs, times: 1 });
      const together = await Promise.all(ids.map((id, index) => like(gateway, id, cases[index]!.action)));
      expect(together.map((response) => answerOf(response.body))).toEqual(alone);
      batches += (await emulator.control.calls()).filter((call) => call.method === 'batch').length;
    }),
    { numRuns: propertyRuns() },
  );
  // Or the property said nothing about batches.
  expect(batches).toBeGreaterThan(0);
});

async function waitForCalls(count: number): Promise<void> {
  const deadline = Date.now() + 5_000;
  while ((await emulator.control.calls()).length < count) {
    if (Date.now() > deadline) throw new Error(`the emulator did not see ${count} calls`);
  }
}
