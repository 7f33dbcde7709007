import { z } from 'zod';
import type { ProxySettings } from '../bitrix24/proxy-settings';
import { readWith, secretText } from './values';
import type { Secret } from '../secret';

// The message never quotes the URL: it may carry a user name and password.
function checkedProxy(url: Secret): Secret {
  let protocol: string;
  try {
    protocol = new URL(url.reveal()).protocol;
  } catch {
    throw new Error('is not a valid URL');
  }
  if (protocol !== 'http:' && protocol !== 'https:') throw new Error('must be an http or https URL');
  return url;
}

const proxyUrl = secretText.transform(readWith(checkedProxy));

/** Outbound proxy, as operators set it: HTTPS_PROXY, HTTP_PROXY and NO_PROXY (either case). */
export const proxySchema = z
  .object({
    httpProxy: proxyUrl.optional(),
    httpsProxy: proxyUrl.optional(),
    noProxy: z.string().optional(),
  })
  .strict()
  .prefault({})
  .transform((settings): ProxySettings =>
    Object.fromEntries(Object.entries(settings).filter((entry) => entry[1] !== undefined)),
  );
