module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'complaint-reviews',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
