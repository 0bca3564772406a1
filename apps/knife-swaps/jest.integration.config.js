module.exports = {
  ...require('../../jest.integration.preset.js'),
  displayName: 'knife-swaps (integration)',
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/**/*.int-spec.ts'],
};
