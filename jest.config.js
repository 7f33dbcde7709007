/** What every project shares. */
const shared = {
  testEnvironment: 'node',
  transform: {
    // Types are checked once by `npm run typecheck`; transpiling per file keeps jest fast.
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }],
  },
  setupFiles: ['reflect-metadata'],
};

// Property tests over HTTP, sized by PROPERTY_RUNS (test/support/property-runs.ts).
const FUZZ = ['<rootDir>/test/e2e/hostile-*.e2e.test.ts'];

/**
 * Four projects, all run by `npm test` (`npx jest --selectProjects unit` runs one): unit and graphql tests never
 * wait for real time (a guard fails them), e2e and integration tests talk to real servers and processes on
 * 127.0.0.1, and fuzz runs the property tests over HTTP. Browser tests need a system Chromium and run apart
 * (`npm run test:browser`, jest.browser.config.js).
 * @type {import('jest').Config}
 */
module.exports = {
  // Checks the prerequisites (a redis-server binary, a build as new as the sources) and says how to fix them.
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  testTimeout: 30000,
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/test/{unit,bitrix24,schema}/**/*.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/support/no-real-waits.ts'],
    },
    {
      ...shared,
      displayName: 'graphql',
      testMatch: ['<rootDir>/test/graphql/**/*.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/support/no-real-waits.ts'],
    },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/{e2e,emulator,examples,integration}/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '/hostile-'],
    },
    { ...shared, displayName: 'fuzz', testMatch: FUZZ },
  ],
};
