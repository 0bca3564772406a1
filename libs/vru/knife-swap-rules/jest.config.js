module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'knife-swap-rules',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
