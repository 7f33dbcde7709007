/**
 * Tests in a real browser (`npm run test:browser`). They need a system Chromium, so they are not part of
 * `npm test`, which must pass on a machine with nothing but Node.
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test/browser'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }],
  },
  setupFiles: ['reflect-metadata'],
  testTimeout: 60000,
};
