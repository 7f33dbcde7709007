import type { Bitrix24Target } from '../../src/bitrix24/bitrix24-target';
import { Secret } from '../../src/secret';

export const PORTAL_ORIGIN = 'https://acme.bitrix24.com';
export const WEBHOOK_CODE = 'w3bh00kc0de5ecret';
export const WEBHOOK_PATH = `/rest/1/${WEBHOOK_CODE}/`;
export const ACCESS_TOKEN = 'access-token-5ecret';

export const webhookTarget: Bitrix24Target = {
  portal: 'acme.bitrix24.com',
  origin: PORTAL_ORIGIN,
  restPath: new Secret(WEBHOOK_PATH),
  accessToken: null,
};

export const oauthTarget: Bitrix24Target = {
  portal: 'acme.bitrix24.com',
  origin: PORTAL_ORIGIN,
  restPath: new Secret('/rest/'),
  accessToken: new Secret(ACCESS_TOKEN),
};
