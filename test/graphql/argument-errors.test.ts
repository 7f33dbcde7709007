import type { Gateway } from '../../src/server';
import { mockGateway } from '../support/mock-gateway';
import { silentLogger } from '../support/silent-logger';
import { LIKE_MESSAGE } from './like-message.operations';

let gateway: Gateway;
beforeAll(async () => ({ gateway } = await mockGateway()));
afterAll(() => gateway.close());

// Found by the property-based tests: graphql-js rejects the argument while executing, and that used to be
// masked as INTERNAL_SERVER_ERROR although the input is at fault.
it('answers an explicit null for the non-null action argument with BAD_USER_INPUT, without calling Bitrix24', async () => {
  const response = await gateway.apollo.executeOperation(
    { query: LIKE_MESSAGE, variables: { id: '1', action: null } },
    { contextValue: { caller: {}, log: silentLogger } },
  );
  expect(response.body.kind === 'single' && response.body.singleResult).toEqual({
    data: null,
    errors: [
      {
        message: 'Argument "action" of non-null type "LikeAction!" must not be null.',
        locations: [{ line: 2, column: 39 }],
        path: ['likeMessage'],
        extensions: { code: 'BAD_USER_INPUT' },
      },
    ],
  });
});
