module.exports = {
  ...require('../../jest.integration.preset.js'),
  displayName: 'gateway (integration)',
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/**/*.int-spec.ts'],
};
