import { auditServer, type AuditResult } from 'graphql-http';
import { Secret } from '../../src/secret';
import { emulatorConfig, startGateway, type RunningGateway } from '../support/running-gateway';

// The audit sends only `{ __typename }`-style operations, so no Bitrix24 is needed behind the gateway.
const NO_BITRIX24 = emulatorConfig(null, []);
const ROUTER_SECRET = 'aud1t-r0uter-s3cret-0123';

// Apollo Server answers 400, not 200, to a request that cannot run, whatever the client accepts.
const STATUS_400_WITH_JSON = [
  ['572B', 'warn', 'SHOULD use 200 status code on document parsing failure when accepting application/json'],
  [
    'FDE2',
    'warn',
    'SHOULD use 200 status code on document validation failure when accepting application/json',
  ],
  [
    '7B9B',
    'warn',
    'SHOULD use a status code of 200 on variable coercion failure when accepting application/json',
  ],
];
// Apollo's CSRF prevention refuses a GET that has neither a JSON content-type nor a preflight header.
const GET_WITHOUT_PREFLIGHT = [
  ['5A70', 'notice', 'MAY accept application/x-www-form-urlencoded formatted GET requests'],
  [
    'D6D5',
    'notice',
    'MAY allow URL-encoded JSON string {variables} parameter in GETs when accepting application/graphql-response+json',
  ],
  [
    '6A70',
    'notice',
    'MAY allow URL-encoded JSON string {variables} parameter in GETs when accepting application/json',
  ],
];

async function audit(gateway: RunningGateway, headers: Record<string, string>): Promise<AuditResult[]> {
  return auditServer({
    url: `${gateway.url}/graphql`,
    fetchFn: (input: string, init: RequestInit = {}) => {
      const merged = new Headers(init.headers);
      Object.entries(headers).forEach(([name, value]) => merged.set(name, value));
      return fetch(input, { ...init, headers: merged });
    },
  });
}

const failing = (results: AuditResult[]) =>
  results.filter((result) => result.status !== 'ok').map((result) => [result.id, result.status, result.name]);

describe.each([
  ['a plain client', {}, {}, [...GET_WITHOUT_PREFLIGHT, ...STATUS_400_WITH_JSON]],
  [
    'a client sending apollo-require-preflight',
    {},
    { 'apollo-require-preflight': 'true' },
    STATUS_400_WITH_JSON,
  ],
  [
    'a router, with ROUTER_SECRET set',
    { security: { routerSecret: new Secret(ROUTER_SECRET) } },
    { 'router-authorization': ROUTER_SECRET },
    [...GET_WITHOUT_PREFLIGHT, ...STATUS_400_WITH_JSON],
  ],
])('the GraphQL-over-HTTP server audit (graphql-http) for %s', (_client, options, headers, expected) => {
  let gateway: RunningGateway;
  let results: AuditResult[];

  beforeAll(async () => {
    // The audit's probes are introspection queries (`{ __typename }`, `__type`), on as in development.
    gateway = await startGateway(NO_BITRIX24, { http: { introspection: true }, ...options });
    results = await audit(gateway, headers);
  });
  afterAll(() => gateway?.close());

  it('runs every audit of graphql-http', () => {
    expect(results).toHaveLength(61);
  });

  it('passes every MUST', () => {
    const must = results.filter((result) => result.name.startsWith('MUST '));
    expect(must.length).toBeGreaterThan(0);
    expect(failing(must)).toEqual([]);
  });

  it('misses only the SHOULDs and MAYs the README lists, for the reasons it gives', () => {
    expect(failing(results)).toEqual(expected);
  });
});
