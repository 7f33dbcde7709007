import { TargetResolver } from '../../src/auth/target-resolver';
import { parsePortalEntry, parseWebhookUrl } from '../../src/bitrix24/portal';
import { Secret } from '../../src/secret';

const webhook = parseWebhookUrl(new Secret('https://acme.bitrix24.com/rest/1/c0de/'));
const acme = parsePortalEntry('acme.bitrix24.com');
const beta = parsePortalEntry('beta.bitrix24.com');

function errorOf(action: () => unknown): { message: string; extensions: unknown } {
  try {
    action();
  } catch (error) {
    const { message, extensions } = error as { message: string; extensions: unknown };
    return { message, extensions };
  }
  throw new Error('expected an error');
}

describe('TargetResolver', () => {
  it('uses the webhook when no token is sent', () => {
    const target = new TargetResolver({ webhook, portals: [] }).resolve({});
    expect(target).toMatchObject({ portal: 'acme.bitrix24.com', origin: 'https://acme.bitrix24.com' });
    expect(target.restPath.reveal()).toBe('/rest/1/c0de/');
    expect(target.accessToken).toBeNull();
  });

  it('uses the only allowed portal for a bearer token without X-Bitrix24-Domain', () => {
    const target = new TargetResolver({ webhook: null, portals: [acme] }).resolve({
      authorization: 'Bearer t0k',
    });
    expect(target.restPath.reveal()).toBe('/rest/');
    expect(target.accessToken?.reveal()).toBe('t0k');
    expect(target.portal).toBe('acme.bitrix24.com');
  });

  it('matches X-Bitrix24-Domain exactly, ignoring case only', () => {
    const resolver = new TargetResolver({ webhook: null, portals: [acme, beta] });
    expect(resolver.resolve({ authorization: 'bearer t', portal: 'BETA.bitrix24.com' }).portal).toBe(
      'beta.bitrix24.com',
    );
    for (const portal of [
      'evil-acme.bitrix24.com',
      'acme.bitrix24.com.evil.io',
      'acme.bitrix24.com:443',
      'bitrix24.com',
    ]) {
      expect(errorOf(() => resolver.resolve({ authorization: 'Bearer t', portal }))).toEqual({
        message:
          'The portal named in X-Bitrix24-Domain is not allowed; name an allowed portal as host[:port], ' +
          'without a scheme (allowed here: acme.bitrix24.com, beta.bitrix24.com)',
        extensions: { code: 'FORBIDDEN' },
      });
    }
  });

  it('names no allowed portal in production', () => {
    const resolver = new TargetResolver({ webhook: null, portals: [acme, beta] }, { production: true });
    expect(
      errorOf(() => resolver.resolve({ authorization: 'Bearer t', portal: 'https://acme.bitrix24.com' })),
    ).toEqual({
      message:
        'The portal named in X-Bitrix24-Domain is not allowed; name an allowed portal as host[:port], without a scheme',
      extensions: { code: 'FORBIDDEN' },
    });
  });

  it.each([
    [{ webhook: null, portals: [] }, {}, 'UNAUTHENTICATED'],
    [{ webhook: null, portals: [acme] }, { authorization: 'Basic dXNlcg==' }, 'UNAUTHENTICATED'],
    [{ webhook: null, portals: [acme] }, { authorization: 'Bearer ' }, 'UNAUTHENTICATED'],
    [{ webhook, portals: [] }, { authorization: 'Bearer t' }, 'FORBIDDEN'],
    [{ webhook, portals: [] }, { portal: 'beta.bitrix24.com' }, 'FORBIDDEN'],
    [{ webhook: null, portals: [acme, beta] }, { authorization: 'Bearer t' }, 'BAD_USER_INPUT'],
  ])('refuses %#: with %p → %s', (config, caller, code) => {
    expect(errorOf(() => new TargetResolver(config).resolve(caller)).extensions).toEqual({ code });
  });
});
