import { createHash } from 'node:crypto';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { request } from 'undici';
import { EXAMPLE_OPERATION, EXAMPLE_VARIABLES, exampleHeaders } from '../../src/http/playground-example';
import { PLAYGROUND_OFF_PAGE } from '../../src/http/playground-off';
import { listeningOrigin, spawnGateway } from '../support/gateway-process';
import { ACME_CONFIG } from '../support/mock-gateway';
import { gatewayConfigOf } from '../../src/config';
import { postGraphQL, startGateway, type RunningGateway } from '../support/running-gateway';

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const INTROSPECTION = { query: '{ __schema { queryType { name } } }' };

async function get(url: string, headers: Record<string, string>) {
  const response = await request(url, { headers });
  const body = Buffer.from(await response.body.arrayBuffer());
  return { status: response.statusCode, headers: response.headers, body };
}

describe('the playground when on', () => {
  let gateway: RunningGateway;
  let page: string;
  let url: string;

  beforeAll(async () => {
    gateway = await startGateway(ACME_CONFIG, { http: { playground: true, introspection: true } });
    url = `${gateway.url}/graphql`;
    page = (await get(url, { accept: BROWSER_ACCEPT })).body.toString('utf8');
  });
  afterAll(() => gateway?.close());

  it('serves GraphiQL to a browser, uncompressed when not asked otherwise, with validators', async () => {
    const response = await get(url, { accept: BROWSER_ACCEPT });
    expect(response.status).toBe(200);
    expect(response.headers).toMatchObject({
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-cache',
      vary: 'accept, accept-encoding',
      'x-content-type-options': 'nosniff',
      'content-length': String(response.body.length),
    });
    expect(response.headers.etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(response.headers).not.toHaveProperty('content-encoding');
    expect(response.body.toString('utf8')).toBe(page);
    expect(page.trimStart()).toMatch(/^<!doctype html>/);
    expect(page).toContain('<title>Bitrix24 IM GraphQL</title>');
  });

  it('opens on the likeMessage example, its variables and the headers for its portal', () => {
    const headers = exampleHeaders({
      bitrix24: gatewayConfigOf({ bitrix24: ACME_CONFIG }).bitrix24,
      production: false,
    });
    expect(headers).toContain('// "X-Bitrix24-Domain": "acme.bitrix24.com"');
    for (const text of [EXAMPLE_OPERATION, EXAMPLE_VARIABLES, headers]) {
      expect(page).toContain(JSON.stringify(text));
    }
    expect(page).toContain('"shouldPersistHeaders":false');
  });

  it('sends a Content-Security-Policy that allows the one inline script and nothing from elsewhere', async () => {
    const scripts = [...page.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((match) => match[1]!);
    expect(scripts).toHaveLength(1);
    const hash = createHash('sha256').update(scripts[0]!).digest('base64');
    const response = await get(url, { accept: BROWSER_ACCEPT });
    expect(response.headers['content-security-policy']).toBe(
      `default-src 'none'; script-src 'sha256-${hash}'; style-src 'unsafe-inline'; img-src data:; ` +
        "font-src data:; worker-src blob:; connect-src 'self'; base-uri 'none'; form-action 'none'; " +
        "frame-ancestors 'none'",
    );
  });

  it('references no external URL from its markup or styles', () => {
    const markup = page.replace(/<script>[\s\S]*?<\/script>/g, '');
    const references = [
      ...[...markup.matchAll(/\b(?:src|href)\s*=\s*["']?([^"'\s>]*)/gi)].map((match) => match[1]!),
      ...[...markup.matchAll(/url\(\s*["']?([^"')]*)/gi)].map((match) => match[1]!),
      ...[...markup.matchAll(/@import\s+["']?([^"';]*)/gi)].map((match) => match[1]!),
    ];
    expect(references.length).toBeGreaterThan(10); // the favicon, fonts and icons
    expect(references.filter((reference) => !reference.startsWith('data:'))).toEqual([]);
  });

  it.each([
    ['gzip, deflate, br, zstd', 'br', brotliDecompressSync],
    ['gzip, deflate', 'gzip', gunzipSync],
  ])('compresses for Accept-Encoding %p with %p', async (acceptEncoding, coding, decompress) => {
    const response = await get(url, { accept: BROWSER_ACCEPT, 'accept-encoding': acceptEncoding });
    expect(response.headers['content-encoding']).toBe(coding);
    expect(response.headers.etag).toMatch(new RegExp(`^"[A-Za-z0-9_-]{27}-${coding}"$`));
    expect(response.body.length).toBeLessThan(page.length / 3);
    expect(decompress(response.body).toString('utf8')).toBe(page);
  });

  it('answers a revalidation with 304 and no body, per coding', async () => {
    const first = await get(url, { accept: BROWSER_ACCEPT, 'accept-encoding': 'br' });
    const etag = String(first.headers.etag);
    for (const ifNoneMatch of [etag, `W/${etag}`, `"stale", ${etag}`]) {
      const again = await get(url, {
        accept: BROWSER_ACCEPT,
        'accept-encoding': 'br',
        'if-none-match': ifNoneMatch,
      });
      expect(again.status).toBe(304);
      expect(again.body.length).toBe(0);
      expect(again.headers).toMatchObject({ etag, 'cache-control': 'no-cache' });
    }
    // The same validator does not stand for the gzip bytes.
    const gzip = await get(url, { accept: BROWSER_ACCEPT, 'accept-encoding': 'gzip', 'if-none-match': etag });
    expect(gzip.status).toBe(200);
    expect(gzip.headers['content-encoding']).toBe('gzip');
  });

  it('leaves GraphQL to Apollo: GET for JSON clients, and every POST', async () => {
    const viaGet = await get(`${url}?query=${encodeURIComponent('{ __typename }')}`, {
      accept: 'application/json',
      'apollo-require-preflight': 'true',
    });
    expect(JSON.parse(viaGet.body.toString('utf8'))).toEqual({ data: { __typename: 'Query' } });
    const viaPost = await gateway.graphql(INTROSPECTION, { accept: BROWSER_ACCEPT });
    expect(viaPost.body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
  });
});

describe('the playground when off', () => {
  let gateway: RunningGateway;

  // As in production, where both are off unless GRAPHQL_PLAYGROUND / GRAPHQL_INTROSPECTION say otherwise.
  beforeAll(async () => {
    gateway = await startGateway(ACME_CONFIG, { http: { playground: false, introspection: false } });
  });
  afterAll(() => gateway?.close());

  it('tells a browser that the playground is off and which variable turns it on', async () => {
    const response = await get(`${gateway.url}/graphql`, { accept: BROWSER_ACCEPT });
    expect(response.status).toBe(404);
    expect(response.headers).toMatchObject({
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': "default-src 'none'",
      'x-content-type-options': 'nosniff',
      vary: 'accept',
    });
    expect(response.body.toString('utf8')).toBe(PLAYGROUND_OFF_PAGE);
    expect(PLAYGROUND_OFF_PAGE).toContain('<code>GRAPHQL_PLAYGROUND=true</code> to serve it');
  });

  it('tells a client that sends a GET without a query what to send', async () => {
    const accepts: Record<string, string>[] = [{}, { accept: '*/*' }, { accept: 'application/json' }];
    for (const accept of accepts) {
      const response = await get(`${gateway.url}/graphql`, accept);
      expect([response.status, response.headers['content-type']]).toEqual([
        400,
        'application/json; charset=utf-8',
      ]);
      expect(JSON.parse(response.body.toString('utf8'))).toEqual({
        errors: [
          {
            message:
              'Send a GraphQL operation: POST /graphql with content-type: application/json and a body such as ' +
              '{"query":"{ __typename }"}, or GET /graphql?query=... with the header apollo-require-preflight: true',
            extensions: { code: 'BAD_REQUEST' },
          },
        ],
      });
    }
  });

  it('refuses introspection, naming GRAPHQL_INTROSPECTION', async () => {
    const response = await gateway.graphql(INTROSPECTION);
    expect([response.status, response.body]).toEqual([
      400,
      {
        errors: [
          {
            message:
              'Introspection (__schema, __type) is off on this gateway: GRAPHQL_INTROSPECTION=true turns it on; ' +
              'it is off by default with NODE_ENV=production',
            locations: [{ line: 1, column: 3 }],
            extensions: { validationErrorCode: 'INTROSPECTION_DISABLED', code: 'GRAPHQL_VALIDATION_FAILED' },
          },
        ],
      },
    ]);
  });
});

describe('the gateway process with NODE_ENV=production', () => {
  it('serves the playground with GRAPHQL_PLAYGROUND=true, and keeps introspection off', async () => {
    const gateway = spawnGateway({
      HOST: '127.0.0.1',
      PORT: '0',
      NODE_ENV: 'production',
      BITRIX24_EMULATOR: 'true',
      GRAPHQL_PLAYGROUND: 'true',
    });
    try {
      const url = `${await listeningOrigin(gateway)}/graphql`;
      const page = await get(url, { accept: BROWSER_ACCEPT });
      expect([page.status, page.headers['content-type']]).toEqual([200, 'text/html; charset=utf-8']);
      const introspection = await postGraphQL(url, INTROSPECTION);
      expect(introspection.body.errors?.[0]?.extensions).toEqual({
        validationErrorCode: 'INTROSPECTION_DISABLED',
        code: 'GRAPHQL_VALIDATION_FAILED',
      });
    } finally {
      gateway.child.kill('SIGKILL');
      await gateway.exit();
    }
  });
});
