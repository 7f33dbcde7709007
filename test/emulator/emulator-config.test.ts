import { readEmulatorConfig } from '../../src/emulator/emulator-config';

describe('readEmulatorConfig', () => {
  it('defaults to 127.0.0.1:4100 with Bitrix24’s standard limit', () => {
    expect(readEmulatorConfig({})).toEqual({
      host: '127.0.0.1',
      port: 4100,
      rateLimit: { perSecond: 2, burst: 50 },
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
  ])('rejects %s=%j with a message naming the variable', (name, value) => {
    expect(() => readEmulatorConfig({ [name]: value })).toThrow(name);
  });
});
