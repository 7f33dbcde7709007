/**
 * Tests in a real browser (`npm run test:browser`). They need a system Chromium, so they are not part of
 * `npm test`, which must pass on a machine with nothing but Node.
 * @type {import('jest').Config}
 */
module.exports = {
  ...require('./jest.config.js'),
  roots: ['<rootDir>/test/browser'],
  testPathIgnorePatterns: ['/node_modules/'],
  testTimeout: 60000,
};
