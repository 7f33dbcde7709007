import type { Bitrix24Target } from '../bitrix24/bitrix24-target';
import type { PortalEntry } from '../bitrix24/portal';
import type { Bitrix24Config } from '../config';
import { BadUserInputError, ForbiddenError, UnauthenticatedError } from '../errors/gateway-errors';
import { Secret } from '../secret';
import type { CallerCredentials } from './caller-credentials';

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;
const OAUTH_REST_PATH = new Secret('/rest/');

/** Decides, before any network traffic, which portal a request may reach and with which credentials. */
export class TargetResolver {
  readonly #portals: ReadonlyMap<string, PortalEntry>;
  readonly #notAllowed: string;

  /** `production`: refusals do not list the allowed portals to whoever asks. */
  constructor(
    private readonly config: Pick<Bitrix24Config, 'webhook' | 'portals'>,
    { production = false } = {},
  ) {
    this.#portals = new Map(config.portals.map((portal) => [portal.host, portal]));
    const allowed = production ? '' : ` (allowed here: ${[...this.#portals.keys()].join(', ')})`;
    this.#notAllowed =
      'The portal named in X-Bitrix24-Domain is not allowed; name an allowed portal as host[:port], ' +
      `without a scheme${allowed}`;
  }

  resolve(caller: CallerCredentials): Bitrix24Target {
    if (caller.authorization === undefined) return this.webhookTarget(caller);
    const token = BEARER.exec(caller.authorization)?.[1];
    if (!token) throw new UnauthenticatedError('The Authorization header must be "Bearer <access token>"');
    return this.oauthTarget(new Secret(token), caller.portal);
  }

  private webhookTarget(caller: CallerCredentials): Bitrix24Target {
    const { webhook } = this.config;
    if (!webhook) {
      throw new UnauthenticatedError(
        'Send "Authorization: Bearer <Bitrix24 access token>"; no webhook is configured',
      );
    }
    // A request aimed at another portal must not silently act on the webhook's portal instead.
    if (caller.portal !== undefined && normalizeHost(caller.portal) !== webhook.host) {
      throw new ForbiddenError(
        'X-Bitrix24-Domain names a portal this gateway does not serve without a token',
      );
    }
    return { portal: webhook.host, origin: webhook.origin, restPath: webhook.basePath, accessToken: null };
  }

  private oauthTarget(token: Secret, requested: string | undefined): Bitrix24Target {
    if (this.#portals.size === 0) {
      throw new ForbiddenError('Per-user calls with a bearer token are not enabled on this gateway');
    }
    const portal = requested === undefined ? this.onlyPortal() : this.#portals.get(normalizeHost(requested));
    if (!portal) throw new ForbiddenError(this.#notAllowed);
    return { portal: portal.host, origin: portal.origin, restPath: OAUTH_REST_PATH, accessToken: token };
  }

  private onlyPortal(): PortalEntry {
    const [only, ...others] = this.#portals.values();
    if (!only || others.length > 0) {
      throw new BadUserInputError('Several portals are allowed: name one in the X-Bitrix24-Domain header');
    }
    return only;
  }
}

// Host names are case-insensitive; anything beyond host[:port] never matches an entry.
function normalizeHost(value: string): string {
  return value.trim().toLowerCase();
}
