module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'staff-ui',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
