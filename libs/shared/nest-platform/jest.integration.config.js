module.exports = {
  ...require('../../../jest.integration.preset.js'),
  displayName: 'nest-platform (integration)',
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/**/*.int-spec.ts'],
};
