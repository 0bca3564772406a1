module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'tag-referrals',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
