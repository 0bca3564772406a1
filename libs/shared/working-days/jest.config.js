module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'working-days',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
