import pino from 'pino';
import type { MockAgent } from 'undici';
import { KNOWN_BITRIX24_CODES } from '../../src/bitrix24/bitrix24-codes';
import { IM_MESSAGE_LIKE } from '../../src/bitrix24/methods/im-message-like';
import { parsePortalEntry } from '../../src/bitrix24/portal';
import type { Gateway } from '../../src/server';
import {
  EXPECTED_BY_CODE,
  expectationOf,
  expectedCodeAnswer,
  UNKNOWN_CODE,
} from '../support/expected-code-answers';
import { FIXTURE_ERRORS } from '../support/fixtures';
import { ACME_CONFIG, executeSingle, mockGateway } from '../support/mock-gateway';
import { testResilience } from '../support/resilience';
import { LIKE_MESSAGE } from './like-message.operations';

// The list comes from src, so that a code added there without an expectation here fails the first test.
const CODES = [...KNOWN_BITRIX24_CODES, ...(IM_MESSAGE_LIKE.refusals ?? []), UNKNOWN_CODE];
// PLUS stands for the idempotent actions (MINUS is retried by the same rule), AUTO for the toggle.
const ACTIONS = ['PLUS', 'AUTO'] as const;
type Action = (typeof ACTIONS)[number];

const TOKEN = 'per-user-t0ken';
/** Each case calls a portal of its own: the client keeps what it learns (a blocked method, a full bucket) per portal. */
const portalOf = (code: string, action: Action) =>
  `${code.toLowerCase().replaceAll('_', '-')}-${action.toLowerCase()}.bitrix24.com`;

let gateway: Gateway;
let agent: MockAgent;

// The production number of retries, with backoffs that return at once, and a deadline no slow machine reaches.
beforeAll(async () => {
  const portals = CODES.flatMap((code) => ACTIONS.map((action) => parsePortalEntry(portalOf(code, action))));
  ({ gateway, agent } = await mockGateway(
    { ...ACME_CONFIG, portals, timeoutMs: 60_000 },
    testResilience({ retries: 2 }),
    { sleep: async () => {} },
  ));
});
afterAll(() => gateway.close());

/** What Bitrix24 answers with `code`: the documented status and text where the fixtures know them. */
function bitrix24Answer(code: string) {
  const documented = FIXTURE_ERRORS.find((entry) => entry.error === code);
  const description = documented?.error_description ?? `text of ${code}`;
  return { status: documented?.status ?? 400, body: { error: code, error_description: description } };
}

/** The log line of each request: what it meant, and its code as a metric label from a closed set. */
function expectedLines(code: string, action: Action) {
  const { answer, outcome, sends } = expectationOf(code);
  const { status, body } = bitrix24Answer(code);
  return Array.from({ length: sends[action] }, (_, index) => ({
    // A method's own refusal is a normal answer for an operator, anything else is trouble.
    msg: 'typename' in answer ? 'bitrix24 call changed nothing' : 'bitrix24 call failed',
    attempt: index + 1,
    outcome,
    code: code === UNKNOWN_CODE ? 'OTHER' : code,
    failure: { kind: 'error-response', status, code, description: body.error_description },
  }));
}

it('expects an answer for exactly the codes src knows and one unknown code, every documented code among them', () => {
  expect(Object.keys(EXPECTED_BY_CODE).sort()).toEqual([...CODES].sort());
  expect(FIXTURE_ERRORS.map(({ error }) => error).filter((code) => !CODES.includes(code))).toEqual([]);
});

describe.each(CODES)('Bitrix24 answering %s to every request', (code) => {
  it.each(ACTIONS)('%s is answered as the contract says, after the requests it may send', async (action) => {
    const { status, body } = bitrix24Answer(code);
    const portal = portalOf(code, action);
    let sent = 0;
    agent
      .get(`https://${portal}`)
      .intercept({
        path: '/rest/im.message.like.json',
        method: 'POST',
        body: JSON.stringify({ MESSAGE_ID: '42', ACTION: action.toLowerCase(), auth: TOKEN }),
      })
      .reply(() => {
        sent += 1;
        return { statusCode: status, data: body };
      })
      .persist();
    const lines: Array<Record<string, unknown>> = [];
    const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    const caller = { authorization: `Bearer ${TOKEN}`, portal };

    const result = await executeSingle(
      gateway,
      { query: LIKE_MESSAGE, variables: { id: '42', action } },
      caller,
      log,
    );

    expect(result).toEqual(expectedCodeAnswer(body, { portal, id: '42', action }));
    expect(sent).toBe(expectationOf(code).sends[action]);
    const calls = lines.filter(({ msg }) => String(msg).startsWith('bitrix24 call'));
    expect(
      calls.map(({ msg, attempt, outcome, code, failure }) => ({ msg, attempt, outcome, code, failure })),
    ).toEqual(expectedLines(code, action));
  });
});
