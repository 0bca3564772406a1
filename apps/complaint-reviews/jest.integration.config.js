module.exports = {
  ...require('../../jest.integration.preset.js'),
  displayName: 'complaint-reviews (integration)',
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/**/*.int-spec.ts'],
};
