/** Where a /rest/ request points: a webhook (user id and code in the path) or an OAuth call. */
export type RestRoute =
  { form: 'webhook'; userId: number; code: string; method: string } | { form: 'oauth'; method: string };

const WEBHOOK_PATH = /^\/rest\/(\d{1,15})\/([^/]+)\/([^/]+)\/?$/;
const OAUTH_PATH = /^\/rest\/([^/]+)\/?$/;

/** Undefined when the path has neither shape; the portal answers that as an unknown method. */
export function parseRestPath(pathname: string): RestRoute | undefined {
  const webhook = WEBHOOK_PATH.exec(pathname);
  if (webhook) {
    const [, userId = '', code = '', method = ''] = webhook;
    return { form: 'webhook', userId: Number(userId), code: decode(code), method: methodName(method) };
  }
  const oauth = OAUTH_PATH.exec(pathname);
  return oauth ? { form: 'oauth', method: methodName(oauth[1] ?? '') } : undefined;
}

/** `.json` is the default transport and may be left out; method names are case-insensitive. */
function methodName(segment: string): string {
  return decode(segment)
    .replace(/\.json$/i, '')
    .toLowerCase();
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
