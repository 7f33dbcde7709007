import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse as parseGraphQL, type GraphQLObjectType } from 'graphql';
import { parse as parseYaml } from 'yaml';
import { AUTHORIZATION_HEADER, PORTAL_HEADER } from '../../src/auth/caller-credentials';
import { ROUTER_AUTHORIZATION } from '../../src/auth/router-secret';
import { API_KEY_HEADER } from '../../src/http/api-keys';

const SUPERGRAPH_YAML = resolve(__dirname, '../../examples/federation/supergraph.yaml');
const ROUTER_YAML = resolve(__dirname, '../../examples/federation/router.yaml');

interface SupergraphConfig {
  federation_version: string;
  subgraphs: Record<string, { routing_url: string; schema: { file: string } }>;
}
type HeaderRule = { propagate?: { named: string }; insert?: { name: string; value: string } };
interface RouterConfig {
  headers: { subgraphs: Record<string, { request: HeaderRule[] }> };
}

const readYaml = <T>(path: string) => parseYaml(readFileSync(path, 'utf8')) as T;
const supergraph = readYaml<SupergraphConfig>(SUPERGRAPH_YAML);
const router = readYaml<RouterConfig>(ROUTER_YAML);

// rover reads schema files relative to the configuration file.
function composeFromYaml() {
  return composeServices(
    Object.entries(supergraph.subgraphs).map(([name, subgraph]) => ({
      name,
      url: subgraph.routing_url,
      typeDefs: parseGraphQL(readFileSync(resolve(dirname(SUPERGRAPH_YAML), subgraph.schema.file), 'utf8')),
    })),
  );
}

describe('examples/federation', () => {
  it('supergraph.yaml composes, without hints, a Message that joins both subgraphs', () => {
    const { errors, hints, schema } = composeFromYaml();
    expect([errors, hints]).toEqual([undefined, []]);
    const api = schema!.toAPISchema().toGraphQLJSSchema();
    const message = api.getType('Message') as GraphQLObjectType;
    expect(Object.values(message.getFields()).map((field) => `${field.name}: ${field.type}`)).toEqual([
      'portal: String!',
      'id: ID!',
      'text: String',
    ]);
    expect(Object.keys(api.getMutationType()!.getFields())).toContain('likeMessage');
  });

  it('supergraph.yaml asks for the federation version the tests compose with', () => {
    const manifest = resolve(__dirname, '../../node_modules/@apollo/composition/package.json');
    const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
    expect(supergraph.federation_version).toBe(`=${version}`);
  });

  it('router.yaml forwards to the gateway the headers it reads, under the name supergraph.yaml gives it', () => {
    // X-API-Key is for callers that reach the gateway directly: behind a router, ROUTER_SECRET in
    // Router-Authorization is the router's credential.
    const readByGateway = [AUTHORIZATION_HEADER, PORTAL_HEADER, ROUTER_AUTHORIZATION, API_KEY_HEADER];
    expect(Object.keys(router.headers.subgraphs)).toEqual(['bitrix24']);
    expect(Object.keys(supergraph.subgraphs)).toContain('bitrix24');
    expect(router.headers.subgraphs.bitrix24!.request).toEqual([
      { propagate: { named: readByGateway[0] } },
      { propagate: { named: readByGateway[1] } },
      { insert: { name: readByGateway[2], value: '${env.ROUTER_SECRET}' } },
    ]);
  });
});
