import type { EmulatorState } from './emulator-state';
import type { Params } from './request-params';
import type { RestErrorCode } from './rest-errors';
import type { RestRoute } from './rest-route';

export type AuthKind = 'webhook' | 'oauth' | 'none';

/** Who is calling: a user when the credentials were accepted, otherwise the error to answer. */
export type AuthOutcome =
  { kind: AuthKind; userId: number; error: null } | { kind: AuthKind; userId: null; error: RestErrorCode };

/** Parameter names that carry credentials; they never reach a method or the call log. */
export const AUTH_PARAMS = ['AUTH', 'ACCESS_TOKEN'] as const;

export function authenticate(
  route: RestRoute,
  authorization: string | undefined,
  params: Params,
  state: EmulatorState,
  now = Date.now(),
): AuthOutcome {
  if (route.form === 'webhook') {
    const ok = state.hasWebhook(route.userId, route.code);
    return ok ? accepted('webhook', route.userId) : rejected('webhook', 'INVALID_CREDENTIALS');
  }
  const token = findToken(authorization, params);
  if (token === undefined) return rejected('none', 'NO_AUTH_FOUND');
  const known = state.tokens.get(token);
  if (!known) return rejected('oauth', 'invalid_token');
  if (known.expiresAt <= now) return rejected('oauth', 'expired_token');
  return accepted('oauth', known.userId);
}

/**
 * Whose operating time a call counts toward: Bitrix24 keeps it per application or webhook. The emulator
 * has one OAuth application, so every token shares it; each webhook counts on its own.
 */
export function operatingClient(route: RestRoute): string {
  return route.form === 'webhook' ? `webhook:${route.userId}:${route.code}` : 'oauth';
}

/** The credentials a request presents, judged by shape only (used before authentication runs). */
export function requestedAuthKind(
  route: RestRoute | undefined,
  authorization: string | undefined,
  params: Params,
): AuthKind {
  if (route?.form === 'webhook') return 'webhook';
  return findToken(authorization, params) === undefined ? 'none' : 'oauth';
}

/** The portal looks at the Authorization header first, then `auth`, then `access_token`. */
function findToken(authorization: string | undefined, params: Params): string | undefined {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  if (bearer) return bearer;
  for (const name of AUTH_PARAMS) {
    const value = params[name];
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}

function accepted(kind: AuthKind, userId: number): AuthOutcome {
  return { kind, userId, error: null };
}

function rejected(kind: AuthKind, error: RestErrorCode): AuthOutcome {
  return { kind, userId: null, error };
}
