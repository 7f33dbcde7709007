import type { Secret } from '../secret';

/** Where and as whom one Bitrix24 call is made. */
export interface Bitrix24Target {
  /** host[:port] of the portal: safe to show and log. */
  readonly portal: string;
  readonly origin: string;
  /** `/rest/` for OAuth, or the webhook's secret base path. */
  readonly restPath: Secret;
  /** The caller's OAuth access token; null for webhook calls. */
  readonly accessToken: Secret | null;
}
