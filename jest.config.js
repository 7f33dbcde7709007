/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Browser tests need a system Chromium: `npm run test:browser` runs them (jest.browser.config.js).
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/browser/'],
  transform: {
    // Types are checked once by `npm run typecheck`; transpiling per file keeps jest fast.
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }],
  },
  setupFiles: ['reflect-metadata'],
  // Checks the prerequisites (a redis-server binary) and says how to install what is missing.
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  testTimeout: 30000,
};
