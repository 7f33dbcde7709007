import { loadEmulatorConfig as readEmulatorConfig } from '../../src/config';

describe('readEmulatorConfig', () => {
  it('defaults to 127.0.0.1:4100 with Bitrix24’s standard limit', () => {
    expect(readEmulatorConfig({})).toEqual({
      host: '127.0.0.1',
      port: 4100,
      rateLimit: { perSecond: 2, burst: 50 },
      https: false,
    });
  });

  it('reads every variable, port 0 included', () => {
    const env = {
      EMULATOR_HOST: '127.0.0.2',
      EMULATOR_PORT: '0',
      EMULATOR_RATE_PER_SEC: '5',
      EMULATOR_BURST: '250',
    };
    expect(readEmulatorConfig(env)).toEqual({
      host: '127.0.0.2',
      port: 0,
      rateLimit: { perSecond: 5, burst: 250 },
      https: false,
    });
  });

  it('serves HTTPS beside HTTP with EMULATOR_HTTPS_PORT, on given PEM files when both are named', () => {
    expect(readEmulatorConfig({ EMULATOR_HTTPS_PORT: '0' }).https).toEqual({ port: 0 });
    const files = { EMULATOR_TLS_CERT: '/tls/cert.pem', EMULATOR_TLS_KEY: '/tls/key.pem' };
    expect(readEmulatorConfig({ EMULATOR_HTTPS_PORT: '4443', ...files }).https).toEqual({
      port: 4443,
      files: { certPath: '/tls/cert.pem', keyPath: '/tls/key.pem' },
    });
  });

  it('switches the limit off with EMULATOR_RATE_LIMIT=off', () => {
    expect(readEmulatorConfig({ EMULATOR_RATE_LIMIT: 'off' }).rateLimit).toBe(false);
  });

  it('returns a frozen object', () => {
    expect(Object.isFrozen(readEmulatorConfig({}))).toBe(true);
  });

  it.each([
    ['EMULATOR_PORT', 'abc'],
    ['EMULATOR_PORT', '70000'],
    ['EMULATOR_PORT', '1.5'],
    ['EMULATOR_RATE_PER_SEC', '0'],
    ['EMULATOR_BURST', '-1'],
    ['EMULATOR_BURST', '2x'],
    ['EMULATOR_RATE_LIMIT', 'maybe'],
    ['EMULATOR_HOST', ' '],
    ['EMULATOR_HTTPS_PORT', '-1'],
  ])('rejects %s=%j with a message naming the variable', (name, value) => {
    expect(() => readEmulatorConfig({ [name]: value })).toThrow(name);
  });

  it('names what EMULATOR_RATE_LIMIT may be', () => {
    expect(() => readEmulatorConfig({ EMULATOR_RATE_LIMIT: 'maybe' })).toThrow(
      new Error('EMULATOR_RATE_LIMIT: must be on or off'),
    );
  });

  it.each([
    [{ EMULATOR_HTTPS_PORT: '0', EMULATOR_TLS_CERT: '/tls/cert.pem' }, 'must be set together'],
    [{ EMULATOR_HTTPS_PORT: '0', EMULATOR_TLS_KEY: '/tls/key.pem' }, 'must be set together'],
    [{ EMULATOR_TLS_CERT: '/c', EMULATOR_TLS_KEY: '/k' }, 'need EMULATOR_HTTPS_PORT'],
  ])('rejects TLS files given by halves or without a port: %j', (env, message) => {
    expect(() => readEmulatorConfig(env)).toThrow(message);
  });
});
