module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'knife-swaps',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
