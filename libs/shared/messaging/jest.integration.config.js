module.exports = {
  ...require('../../../jest.integration.preset.js'),
  displayName: 'messaging (integration)',
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/**/*.int-spec.ts'],
};
