module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'review-rules',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
