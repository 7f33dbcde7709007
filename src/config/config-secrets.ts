import { Secret } from '../secret';
import type { GatewayConfig } from './gateway-schema';
import { decoded } from './redis-schema';

/** Every secret the configuration holds, for the logger to strip from any line that might quote one. */
export function configSecrets(config: GatewayConfig): Secret[] {
  const webhook = config.bitrix24.webhook;
  // The code alone too (/rest/USER_ID/CODE/), should anything quote it outside its path.
  const code = webhook?.basePath.reveal().split('/')[3];
  return [
    ...(webhook ? [webhook.basePath] : []),
    ...(code ? [new Secret(code)] : []),
    ...config.security.apiKeys,
    ...(config.security.routerSecret ? [config.security.routerSecret] : []),
    // A proxy URL may carry a user name and password.
    ...[config.proxy.httpProxy, config.proxy.httpsProxy].filter((url): url is Secret => url !== undefined),
    ...redisSecrets(config),
  ];
}

/** The Redis URL, and its password alone in both forms, raw and decoded. */
function redisSecrets({ redis }: GatewayConfig): Secret[] {
  if (!redis) return [];
  const { password } = new URL(redis.redisUrl.reveal());
  const forms = [password, decoded(password)].filter((form): form is string => Boolean(form));
  return [redis.redisUrl, ...forms.map((form) => new Secret(form))];
}
