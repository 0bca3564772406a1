module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'resolution-rules',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
