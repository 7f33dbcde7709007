import fc from 'fast-check';
import { propertyRuns } from '../support/property-runs';
import { KNOWN_BITRIX24_CODES } from '../../src/bitrix24/bitrix24-codes';
import { MAX_ANSWER_BYTES } from '../../src/bitrix24/dispatchers';
import { IM_MESSAGE_LIKE } from '../../src/bitrix24/methods/im-message-like';
import { LIKE_MESSAGE } from '../graphql/like-message.operations';
import type { EmulatorFault } from '../support/emulator-control';
import { spawnEmulator, type EmulatorProcess } from '../support/emulator-process';
import { UNKNOWN_CODE } from '../support/expected-code-answers';
import { graphqlShapeProblems, isObject } from '../support/graphql-response-shape';
import { testResilience } from '../support/resilience';
import { emulatorConfig, startGateway, type RunningGateway } from '../support/running-gateway';

// Property-based test of what Bitrix24 (or whatever answers in its place) may send back: random JSON,
// truncated and huge bodies, wrong types for `result` and `error`, any status, junk headers.
const RUNS = propertyRuns();

let emulator: EmulatorProcess;
let gateway: RunningGateway;

beforeAll(async () => {
  emulator = await spawnEmulator({ EMULATOR_RATE_LIMIT: 'off' });
  // One answer, one outcome: no retries, and no circuit opening over a run of bad answers. Both are tested
  // in the resilience tests; here the subject is how a single answer is read.
  gateway = await startGateway(emulatorConfig(await emulator.control.webhookUrl(1), [], 2_000), {
    resilience: testResilience({ retries: 0, breakerThreshold: 1_000 }),
  });
});
afterAll(async () => {
  await gateway?.close();
  await emulator?.stop();
});

// OPERATION_TIME_LIMIT is left out: the gateway then rightly stops calling the method for its window, which
// would turn every later answer of the run into that same RATE_LIMITED (tested in the resilience tests).
const KNOWN_CODES = [
  ...KNOWN_BITRIX24_CODES.filter((code) => code !== 'OPERATION_TIME_LIMIT'),
  ...(IM_MESSAGE_LIKE.refusals ?? []),
  UNKNOWN_CODE,
];
const TOP_LEVEL_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'RATE_LIMITED',
  'UPSTREAM_TIMEOUT',
  'UPSTREAM_ERROR',
];
// A Map, not an object: a random code such as "__proto__" must not find an inherited property.
const UNION_TYPES = new Map([
  ['message_id_error', 'MessageIdError'],
  ['params_error', 'MessageIdError'],
  ['without_changes', 'LikeUnchangedError'],
]);

const json = fc.jsonValue({ maxDepth: 3 });
const envelope = fc.record(
  {
    result: fc.oneof(fc.constant(true), json),
    time: fc.oneof(json, fc.record({ operating: fc.double(), operating_reset_at: fc.integer() })),
    error: fc.oneof(fc.constantFrom(...KNOWN_CODES), fc.string(), json),
    error_description: fc.oneof(fc.string(), json),
  },
  { requiredKeys: [] },
);
const bodies = fc.oneof(
  { weight: 6, arbitrary: envelope.map((value) => JSON.stringify(value)) },
  { weight: 2, arbitrary: json.map((value) => JSON.stringify(value)) },
  {
    weight: 2,
    arbitrary: fc.tuple(envelope, fc.nat()).map(([value, cut]) => {
      const text = JSON.stringify(value);
      return text.slice(0, cut % (text.length + 1));
    }),
  },
  { weight: 2, arbitrary: fc.oneof(fc.string(), fc.string({ unit: 'binary' })) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('<html><body>502 Bad Gateway</body></html>', '', 'null', '{"result":true}{'),
  },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 1_048_000, max: 1_100_000 })
      .map((size) => `{"result":"${'x'.repeat(size)}"}`),
  },
);
const faults = fc.record({
  kind: fc.constant('raw' as const),
  status: fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(200, 400, 401, 403, 500, 503) },
    fc.integer({ min: 200, max: 599 }),
  ),
  body: bodies,
  contentType: fc.constantFrom(
    'application/json',
    'application/json; charset=utf-8',
    'text/html',
    'text/plain',
  ),
  headers: fc.record(
    { 'retry-after': fc.oneof(fc.string(), fc.integer().map(String)) },
    { requiredKeys: [] },
  ),
});

/** What the gateway may conclude from this answer, judged from the outside. */
function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

it('whatever Bitrix24 answers, the gateway answers a typed GraphQL result', async () => {
  await fc.assert(
    fc.asyncProperty(faults, async (fault: EmulatorFault & { kind: 'raw'; status: number; body: string }) => {
      await emulator.control.clearFaults();
      await emulator.control.addFault(fault);
      const response = await gateway.graphql({ query: LIKE_MESSAGE, variables: { id: '9', action: 'PLUS' } });
      expect(graphqlShapeProblems(response.status, response.text)).toEqual([]);
      expect(response.status).toBe(200);

      // HTTP gives 204 and 304 answers no body, so the gateway receives none.
      const answer = parsed([204, 304].includes(fault.status) ? '' : fault.body);
      const code =
        isObject(answer) && typeof answer.error === 'string' && answer.error !== '' ? answer.error : null;
      const like = (response.body.data as { likeMessage?: { __typename: string } } | null)?.likeMessage;
      const error = response.body.errors?.[0] as { extensions?: Record<string, unknown> } | undefined;
      if (Buffer.byteLength(fault.body) > MAX_ANSWER_BYTES) {
        // Reading stops at the limit, before the status is judged: the conservative outcome, even for a 3xx.
        expect(error?.extensions).toEqual({ code: 'UPSTREAM_ERROR', outcome: 'UNKNOWN' });
      } else if (fault.status === 304) {
        // No body may follow a 304, yet a Content-Length was sent: whether the connection survives decides.
        expect(error?.extensions?.code).toBe('UPSTREAM_ERROR');
      } else if (fault.status >= 300 && fault.status < 400) {
        // Only the statuses of a moved portal prove nothing ran; a 303 may follow work done.
        const moved = [301, 302, 307, 308].includes(fault.status);
        expect(error?.extensions).toEqual({
          code: 'UPSTREAM_ERROR',
          outcome: moved ? 'NOT_APPLIED' : 'UNKNOWN',
        });
      } else if (code !== null) {
        // A Bitrix24 error code decides, whatever the status: a union member, or an error that carries it.
        const unionType = UNION_TYPES.get(code.toLowerCase());
        if (unionType) expect(like?.__typename).toBe(unionType);
        else
          expect(error?.extensions?.bitrix24).toEqual({ error: code, error_description: expect.any(String) });
      } else if (fault.status < 300 && isObject(answer) && answer.result === true) {
        expect(like?.__typename).toBe('LikeMessageSuccess');
      } else {
        expect(error?.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', outcome: 'UNKNOWN' });
      }
      if (error) {
        expect(TOP_LEVEL_CODES).toContain(error.extensions?.code);
        if (error.extensions?.code === 'RATE_LIMITED') {
          expect(
            Number.isInteger(error.extensions.retryAfter) && Number(error.extensions.retryAfter) > 0,
          ).toBe(true);
        }
      }
    }),
    { numRuns: RUNS },
  );
  expect(await emulator.control.likes('9')).toEqual([]);
});
