module.exports = {
  ...require('../../../jest.integration.preset.js'),
  displayName: 'temporal (integration)',
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/**/*.int-spec.ts'],
};
