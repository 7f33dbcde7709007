/** One entry of an Accept-style header: `text/html;q=0.9` gives `{ value: 'text/html', q: 0.9 }`. */
interface Preference {
  readonly value: string;
  readonly q: number;
}

function parsePreferences(header: string | undefined): Preference[] {
  if (!header) return [];
  return header.split(',').flatMap((part) => {
    const [value = '', ...params] = part.split(';').map((piece) => piece.trim().toLowerCase());
    if (!value) return [];
    const qParam = params.find((param) => param.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    return [{ value, q: Number.isFinite(q) ? Math.min(Math.max(q, 0), 1) : 0 }];
  });
}

// The most specific matching range decides a media type's quality (RFC 9110, 12.5.1).
function mediaTypeQuality(preferences: Preference[], type: string): number {
  const [major] = type.split('/');
  const match =
    preferences.find((p) => p.value === type) ??
    preferences.find((p) => p.value === `${major}/*`) ??
    preferences.find((p) => p.value === '*/*');
  return match?.q ?? 0;
}

const GRAPHQL_RESPONSE_TYPES = ['application/graphql-response+json', 'application/json'];

/**
 * True when the client would rather have an HTML page than a GraphQL response: browsers ask for `text/html`
 * first; API clients send JSON types or `*` / `*`, and a tie goes to GraphQL.
 */
export function prefersHtml(accept: string | undefined): boolean {
  const preferences = parsePreferences(accept);
  const html = mediaTypeQuality(preferences, 'text/html');
  return html > 0 && GRAPHQL_RESPONSE_TYPES.every((type) => mediaTypeQuality(preferences, type) < html);
}

/** The first of `offered` (best first) the client accepts; `identity` is acceptable unless refused. */
export function pickEncoding<T extends string>(acceptEncoding: string | undefined, offered: readonly T[]): T {
  const preferences = parsePreferences(acceptEncoding);
  const quality = (coding: string): number => {
    const match = preferences.find((p) => p.value === coding) ?? preferences.find((p) => p.value === '*');
    return match ? match.q : coding === 'identity' ? 1 : 0;
  };
  const best = offered.reduce((chosen, coding) => (quality(coding) > quality(chosen) ? coding : chosen));
  // When every coding is refused, the uncompressed page is still the most useful answer (RFC 9110, 12.5.3).
  return quality(best) > 0 ? best : (offered.find((coding) => coding === 'identity') ?? best);
}

/** Whether an If-None-Match header names `etag`, compared weakly as RFC 9110 (13.1.2) asks. */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag);
}
