import type { MockAgent } from 'undici';
import type { Gateway } from '../../src/server';
import { mockGateway } from '../support/mock-gateway';
import { silentLogger } from '../support/silent-logger';
import { LIKE_MESSAGE } from './like-message.operations';

let gateway: Gateway;
let agent: MockAgent;
beforeAll(async () => ({ gateway, agent } = await mockGateway()));
afterAll(() => gateway.close());

async function run(query: string, variables: Record<string, unknown>) {
  const response = await gateway.apollo.executeOperation(
    { query, variables },
    { contextValue: { caller: {}, log: silentLogger } },
  );
  return {
    status: response.http.status,
    body: response.body.kind === 'single' && response.body.singleResult,
  };
}

const refusedNull = (line: number, column: number) => ({
  status: 400,
  body: {
    errors: [
      {
        message: 'Argument "action" of non-null type "LikeAction!" must not be null.',
        locations: [{ line, column }],
        extensions: { code: 'BAD_USER_INPUT' },
      },
    ],
  },
});

// Found by the property-based tests: graphql-js rejects this argument only while executing. It is refused
// before execution instead, as an unknown LikeAction is: HTTP 400, no `data`, nothing sent to Bitrix24.
describe('null for the non-null action argument', () => {
  it('is refused with HTTP 400 BAD_USER_INPUT, as an unknown action is', async () => {
    expect(await run(LIKE_MESSAGE, { id: '1', action: null })).toEqual(refusedNull(2, 39));
    expect(await run(LIKE_MESSAGE, { id: '1', action: 'TOGGLE' })).toEqual({
      status: 400,
      body: {
        errors: [
          {
            message:
              'Variable "$action" got invalid value "TOGGLE"; Value "TOGGLE" does not exist in "LikeAction" enum.',
            locations: [{ line: 1, column: 32 }],
            extensions: { code: 'BAD_USER_INPUT' },
          },
        ],
      },
    });
  });

  it('is refused when it comes from a default of null, or through a fragment', async () => {
    const byDefault =
      'mutation ($action: LikeAction = null) { likeMessage(messageId: "1", action: $action) { __typename } }';
    expect(await run(byDefault, {})).toEqual(refusedNull(1, 77));
    const inFragment = `mutation ($action: LikeAction) { ...Like }
fragment Like on Mutation { likeMessage(messageId: "1", action: $action) { __typename } }`;
    expect(await run(inFragment, { action: null })).toEqual(refusedNull(2, 65));
  });

  it('is refused inside a likeMessages item, with the whole argument named', async () => {
    const query =
      'mutation ($a: LikeAction) { likeMessages(likes: [{ messageId: "1", action: $a }]) { __typename } }';
    expect(await run(query, { a: null })).toEqual({
      status: 400,
      body: {
        errors: [
          {
            message: 'Argument "likes" has invalid value [{messageId: "1", action: $a}].',
            locations: [{ line: 1, column: 49 }],
            extensions: { code: 'BAD_USER_INPUT' },
          },
        ],
      },
    });
  });

  it('is not refused where @skip leaves the field out, since it never runs', async () => {
    const query =
      'mutation ($action: LikeAction) { likeMessage(messageId: "1", action: $action) @skip(if: true) { __typename } }';
    expect(await run(query, { action: null })).toEqual({ status: undefined, body: { data: {} } });
  });

  afterEach(() => agent.assertNoPendingInterceptors());
});
