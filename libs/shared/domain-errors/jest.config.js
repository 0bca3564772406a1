module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'domain-errors',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
