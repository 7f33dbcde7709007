import { Secret } from '../secret';

/** A portal a bearer token may be used against: `host` is host[:port] as matched against X-Bitrix24-Domain. */
export interface PortalEntry {
  readonly host: string;
  readonly origin: string;
}

/** An inbound webhook, split so that only its path (which holds the secret code) is secret. */
export interface WebhookCredentials extends PortalEntry {
  readonly userId: number;
  /** `/rest/USER_ID/CODE/`: the code makes the whole path a credential. */
  readonly basePath: Secret;
}

const WEBHOOK_PATH = /^\/rest\/([1-9]\d{0,17})\/([A-Za-z0-9_-]+)\/?$/;

// Error messages below never quote the value: a malformed webhook URL is still mostly a secret.
export function parseWebhookUrl(url: Secret): WebhookCredentials {
  const parsed = parseHttpUrl(url.reveal());
  const match = WEBHOOK_PATH.exec(parsed.pathname);
  if (!match || parsed.search || parsed.hash) {
    throw new Error('must look like https://PORTAL/rest/USER_ID/CODE/');
  }
  const [, userId, code] = match as unknown as [string, string, string];
  return {
    host: parsed.host,
    origin: parsed.origin,
    userId: Number(userId),
    basePath: new Secret(`/rest/${userId}/${code}/`),
  };
}

/** Accepts a host (`acme.bitrix24.com`, https implied) or an origin (`http://127.0.0.1:8080`). */
export function parsePortalEntry(entry: string): PortalEntry {
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(entry);
  const parsed = parseHttpUrl(hasScheme ? entry : `https://${entry}`);
  if (parsed.pathname !== '/' || parsed.search || parsed.hash) {
    // Only the origin is quoted: a webhook URL pasted here by mistake would print its secret code.
    throw new Error(`entry "${parsed.origin}/…" must be a host or an origin, without a path`);
  }
  return { host: parsed.host, origin: parsed.origin };
}

export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

function parseHttpUrl(value: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new Error('is not a valid URL');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error('must use http or https');
  if (parsed.username || parsed.password) throw new Error('must not carry a user name or password');
  return parsed;
}
