import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { composeServices } from '@apollo/composition';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { Trace } from '@apollo/usage-reporting-protobuf';
import { parse, type DocumentNode } from 'graphql';
import { fetch } from 'undici';
import { Secret } from '../../src/secret';
import { spawnEmulator, type EmulatorProcess } from '../support/emulator-process';
import { emulatorConfig, postGraphQL, startGateway, type RunningGateway } from '../support/running-gateway';
import { silentLogger } from '../support/silent-logger';
import { startTextsSubgraph, TEXTS_SDL, type TextsSubgraph } from '../support/texts-subgraph';

const ROUTER_SECRET = 'federati0n-r0uter-s3cret';
const COMMITTED_SDL = readFileSync(resolve(__dirname, '../../schema/schema.graphql'), 'utf8');

let emulator: EmulatorProcess;
let gateway: RunningGateway;
let texts: TextsSubgraph;
let router: ApolloServer;
let routerUrl: string;
let portal: string;

function compose(bitrix24Sdl: DocumentNode) {
  return composeServices([
    { name: 'bitrix24', typeDefs: bitrix24Sdl, url: `${gateway.url}/graphql` },
    { name: 'texts', typeDefs: TEXTS_SDL, url: texts.url },
  ]);
}

beforeAll(async () => {
  emulator = await spawnEmulator({ EMULATOR_RATE_LIMIT: 'off' });
  portal = new URL(emulator.origin).host;
  gateway = await startGateway(emulatorConfig(await emulator.control.webhookUrl(1), []), {
    security: { routerSecret: new Secret(ROUTER_SECRET) },
  });
  texts = await startTextsSubgraph();
  const { supergraphSdl, errors } = compose(parse(COMMITTED_SDL));
  if (errors) throw new Error(errors.map((error) => error.message).join('\n'));
  const apolloGateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ url }) =>
      new RemoteGraphQLDataSource({
        url,
        fetcher: fetch,
        // What a router configuration does: every subgraph request carries the shared secret.
        willSendRequest: ({ request }) => request.http?.headers.set('router-authorization', ROUTER_SECRET),
      }),
  });
  router = new ApolloServer({ gateway: apolloGateway, logger: silentLogger });
  ({ url: routerUrl } = await startStandaloneServer(router, { listen: { host: '127.0.0.1', port: 0 } }));
});
afterAll(async () => {
  await router?.stop();
  await texts?.stop();
  await gateway?.close();
  await emulator?.stop();
});

describe('the gateway as a subgraph of an Apollo Federation 2 supergraph', () => {
  it('composes from the committed SDL, without hints, exactly as from the SDL it serves', async () => {
    const served = await postGraphQL(
      `${gateway.url}/graphql`,
      { query: '{ _service { sdl } }' },
      { 'router-authorization': ROUTER_SECRET },
    );
    const sdl = (served.body.data as { _service: { sdl: string } })._service.sdl;
    const fromCommitted = compose(parse(COMMITTED_SDL));
    expect([fromCommitted.errors, fromCommitted.hints]).toEqual([undefined, []]);
    expect(compose(parse(sdl)).supergraphSdl).toBe(fromCommitted.supergraphSdl);
  });

  it('joins likeMessage from this subgraph with Message.text from another one, through Apollo Gateway', async () => {
    const response = await postGraphQL(routerUrl, {
      query: /* GraphQL */ `
        mutation {
          likeMessage(messageId: "1", action: PLUS) {
            ... on LikeMessageSuccess {
              liked
              message {
                id
                text
              }
            }
          }
        }
      `,
    });
    expect(response.body).toEqual({
      data: { likeMessage: { liked: true, message: { id: '1', text: `text of message 1 on ${portal}` } } },
    });
    expect(texts.representations).toEqual([{ __typename: 'Message', portal, id: '1' }]);
    expect(await emulator.control.likes('1')).toEqual([1]);
  });

  it('answers a router that asks for an inline trace (ftv1), with the errors in it masked', async () => {
    const response = await postGraphQL(
      `${gateway.url}/graphql`,
      { query: '{ __typename }' },
      { 'router-authorization': ROUTER_SECRET, 'apollo-federation-include-trace': 'ftv1' },
    );
    expect(response.body).toEqual({
      data: { __typename: 'Query' },
      extensions: { ftv1: expect.stringMatching(/^[A-Za-z0-9+/]+=*$/) },
    });
    const failing = await postGraphQL(
      `${gateway.url}/graphql`,
      { query: 'mutation { likeMessage(messageId: "1") { __typename } }' },
      {
        'router-authorization': ROUTER_SECRET,
        'apollo-federation-include-trace': 'ftv1',
        authorization: 'Bearer s3cret-t0ken',
      },
    );
    const ftv1 = (failing.body as { extensions: { ftv1: string } }).extensions.ftv1;
    const trace = Trace.decode(Buffer.from(ftv1, 'base64'));
    expect(trace.root?.child?.[0]?.error?.map((error) => error.message)).toEqual(['<masked>']);
  });

  it('resolves Message entities by portal and id', async () => {
    const response = await postGraphQL(
      `${gateway.url}/graphql`,
      {
        query: /* GraphQL */ `
          query ($representations: [_Any!]!) {
            _entities(representations: $representations) {
              __typename
              ... on Message {
                portal
                id
              }
            }
          }
        `,
        variables: {
          representations: [
            { __typename: 'Message', portal: 'acme.bitrix24.com', id: '42' },
            { __typename: 'Message', portal, id: '923456789012345678' },
          ],
        },
      },
      { 'router-authorization': ROUTER_SECRET },
    );
    expect(response.body).toEqual({
      data: {
        _entities: [
          { __typename: 'Message', portal: 'acme.bitrix24.com', id: '42' },
          { __typename: 'Message', portal, id: '923456789012345678' },
        ],
      },
    });
  });
});
