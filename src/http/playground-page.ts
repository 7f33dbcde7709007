import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { EXAMPLE_OPERATION, EXAMPLE_VARIABLES } from './playground-example';

/** The content codings the page is kept in, best first. */
export const PAGE_ENCODINGS = ['br', 'gzip', 'identity'] as const;
export type PageEncoding = (typeof PAGE_ENCODINGS)[number];

/** GraphiQL as one self-contained HTML page, rendered and compressed once. */
export interface PlaygroundPage {
  readonly bodies: Readonly<Record<PageEncoding, Buffer>>;
  /** A strong ETag per coding: the bytes on the wire differ, so the validators must too. */
  readonly etags: Readonly<Record<PageEncoding, string>>;
  readonly contentSecurityPolicy: string;
}

// Yoga's default favicon is a 150 KB icon; an inline SVG keeps the page lean and needs no request either.
const FAVICON =
  'data:image/svg+xml,' +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16">' +
      '<rect width="16" height="16" rx="3" fill="#2fc6f6"/></svg>',
  );

// On this 9 MB page brotli 6 takes 0.3 s for 1.87 MB; quality 11 (the default) saves 11% but takes 21 s.
const BROTLI_QUALITY = 6;

/**
 * Renders GraphiQL with the example operation and `headers` (see exampleHeaders) and compresses it in the thread
 * pool, off the event loop.
 */
export async function buildPlaygroundPage(headers: string): Promise<PlaygroundPage> {
  // Loaded only when the playground is on: it is 9 MB of JavaScript that production usually does not need.
  const { renderGraphiQL } = await import('@graphql-yoga/render-graphiql');
  const html = Buffer.from(renderGraphiQL(graphiqlOptions(headers)));
  const [br, gzipped] = await Promise.all([
    promisify(brotliCompress)(html, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: html.length,
      },
    }),
    promisify(gzip)(html),
  ]);
  const bodies = { br, gzip: gzipped, identity: html };
  const digest = createHash('sha256').update(html).digest('base64url').slice(0, 27);
  return {
    bodies,
    etags: { br: `"${digest}-br"`, gzip: `"${digest}-gzip"`, identity: `"${digest}"` },
    contentSecurityPolicy: contentSecurityPolicy(html.toString('utf8')),
  };
}

type RenderOptions = NonNullable<
  Parameters<typeof import('@graphql-yoga/render-graphiql').renderGraphiQL>[0]
>;

function graphiqlOptions(headers: string): RenderOptions & { query: string; variables: string } {
  return {
    title: 'Bitrix24 IM GraphQL',
    favicon: FAVICON,
    // Yoga's page opens on `query` (else its welcome text); `defaultQuery` is GraphiQL's own fallback.
    query: EXAMPLE_OPERATION,
    defaultQuery: EXAMPLE_OPERATION,
    variables: EXAMPLE_VARIABLES,
    headers,
    // Headers carry access tokens: keep them out of localStorage (Yoga's page would persist them).
    shouldPersistHeaders: false,
    // No endpoint: the page posts to the path it was served from, so it works behind a path prefix too.
  };
}

/**
 * Only what the page needs: its one inline script (by hash), inline styles, data: images and fonts, blob:
 * workers, and requests to this origin. `connect-src 'self'` makes the browser refuse any CDN or tracker.
 */
function contentSecurityPolicy(html: string): string {
  const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(
    (match) => `'sha256-${createHash('sha256').update(match[1]!).digest('base64')}'`,
  );
  if (scripts.length !== 1)
    throw new Error(`expected one inline script in GraphiQL, found ${scripts.length}`);
  return [
    "default-src 'none'",
    `script-src ${scripts.join(' ')}`,
    "style-src 'unsafe-inline'",
    'img-src data:',
    'font-src data:',
    'worker-src blob:',
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
