const path = require('node:path');

/** What every project shares. */
const shared = {
  testEnvironment: 'node',
  transform: {
    // Types are checked once by `npm run typecheck`; transpiling per file keeps jest fast.
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }],
  },
  setupFiles: ['reflect-metadata'],
};

/**
 * Per-file floors of line and branch coverage, written by `npm run coverage:baseline`
 * (scripts/coverage-baseline.mjs, which explains how they are chosen). `npm test` runs `jest --coverage` and
 * fails naming every file whose coverage fell below its floor. A file not in the baseline (a new one) has no
 * floor until the baseline is regenerated; a file in the baseline that no longer exists fails the run ("Coverage
 * data for ... was not found"), so a rename or a deletion comes with a regenerated baseline. Jest resolves
 * these keys against the working directory, hence the absolute paths.
 */
const coverageThreshold = Object.fromEntries(
  Object.entries(require('./coverage-baseline.json')).map(([file, floor]) => [
    path.join(__dirname, file),
    floor,
  ]),
);

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
  // Jest's default on 2 cores is one worker, running files one after another. Most files wait on sockets and
  // child processes rather than compute, so two workers finish the suite in about two thirds of the time.
  maxWorkers: 2,
  // Istanbul's counters, which jest's babel provider adds to ts-jest's output: once jest has cached the
  // instrumented files, a run takes about as long as one without coverage. V8's coverage needs no instrumenting
  // but turns the inspector on again for every test file, and made the run three times as long. Only code
  // running in jest's processes is measured: the gateway that end-to-end tests spawn from dist/ is not.
  coverageProvider: 'babel',
  collectCoverageFrom: ['src/**/*.ts'],
  coverageReporters: ['json-summary', 'text-summary'],
  coverageThreshold,
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
