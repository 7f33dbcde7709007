import type { EmulatorOptions, RunningEmulator } from '../../src/emulator/emulator-server';
import { startEmulator } from '../../src/emulator/emulator-server';
import { EmulatorControl } from '../support/emulator-control';

export interface EmulatorFixture {
  emulator: RunningEmulator;
  control: EmulatorControl;
  /** `${origin}${path}` */
  url(path: string): string;
}

/**
 * One in-process emulator per test file, reset to the demo data before each test. The rate limit is
 * off unless a test turns it on, so timing never makes an unrelated test flaky.
 */
export function useEmulator(options: EmulatorOptions = { rateLimit: false }): EmulatorFixture {
  const fixture = {} as EmulatorFixture;
  beforeAll(async () => {
    fixture.emulator = await startEmulator(options);
    fixture.control = new EmulatorControl(fixture.emulator.origin);
    fixture.url = (path) => `${fixture.emulator.origin}${path}`;
  });
  beforeEach(() => fixture.control.reset());
  afterAll(() => fixture.emulator.close());
  return fixture;
}
