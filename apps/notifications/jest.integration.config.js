module.exports = {
  ...require('../../jest.integration.preset.js'),
  displayName: 'notifications (integration)',
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/**/*.int-spec.ts'],
};
