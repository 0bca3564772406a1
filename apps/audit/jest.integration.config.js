module.exports = {
  ...require('../../jest.integration.preset.js'),
  displayName: 'audit (integration)',
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/**/*.int-spec.ts'],
};
