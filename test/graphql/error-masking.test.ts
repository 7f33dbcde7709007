import { GraphQLError, parse, type FieldNode, type OperationDefinitionNode, type ValueNode } from 'graphql';
import { isUnexpected } from '../../src/errors/mask-error';
import pino from 'pino';
import { MockAgent } from 'undici';
import { buildGateway } from '../../src/server';
import { LIKE_SUCCESS_BODY } from '../support/fixtures';
import { ACME_CONFIG } from '../support/mock-gateway';
import { PORTAL_ORIGIN, WEBHOOK_PATH } from '../support/targets';
import { LIKE_MESSAGE } from './like-message.operations';

it('masks an unexpected error as INTERNAL_SERVER_ERROR and logs its cause on the server', async () => {
  const lines: string[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
  const agent = new MockAgent();
  agent.disableNetConnect();
  agent
    .get(PORTAL_ORIGIN)
    .intercept({ path: `${WEBHOOK_PATH}im.message.like.json`, method: 'POST' })
    .reply(200, LIKE_SUCCESS_BODY);
  const gateway = await buildGateway({ bitrix24: ACME_CONFIG, logger, dispatcherFactory: () => agent });
  // A bug of ours: something on the success path throws a plain Error carrying internals.
  const requestLog = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
  requestLog.info = () => {
    throw new Error(`bug near ${WEBHOOK_PATH}`);
  };

  const response = await gateway.apollo.executeOperation(
    { query: LIKE_MESSAGE, variables: { id: '1', action: 'PLUS' } },
    { contextValue: { caller: {}, log: requestLog } },
  );
  await gateway.close();

  expect(response.body.kind === 'single' && response.body.singleResult).toEqual({
    data: null,
    errors: [
      {
        message: 'Internal server error',
        locations: [{ line: 2, column: 3 }],
        path: ['likeMessage'],
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      },
    ],
  });
  const logged = lines
    .map((line) => JSON.parse(line))
    .find((entry) => entry.msg.startsWith('unexpected error'));
  expect(logged).toMatchObject({ level: 50, err: { type: 'Error' }, path: ['likeMessage'] });
  expect(logged.err.message).toMatch(/^bug near /);
});

describe('isUnexpected', () => {
  const field = parse('{ a(b: $c) }').definitions[0] as OperationDefinitionNode;
  const fieldNode = field.selectionSet.selections[0] as FieldNode;
  const valueNode = fieldNode.arguments?.[0]?.value as ValueNode;

  it.each<[string, unknown, boolean]>([
    ['a plain Error', new Error('x'), true],
    ['an error of ours', new GraphQLError('x', { extensions: { code: 'UPSTREAM_ERROR' } }), false],
    [
      'a resolver bug wrapped by graphql-js',
      new GraphQLError('x', { originalError: new TypeError('y') }),
      true,
    ],
    [
      'graphql-js about an argument value',
      new GraphQLError('Argument "b" of non-null type', { nodes: valueNode }),
      false,
    ],
    [
      'graphql-js about a field result',
      new GraphQLError('Abstract type X must resolve', { nodes: fieldNode }),
      true,
    ],
  ])('%s', (_case, error, expected) => {
    expect(isUnexpected(error)).toBe(expected);
  });
});
