module.exports = {
  ...require('../../jest.integration.preset.js'),
  displayName: 'tag-referrals (integration)',
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/**/*.int-spec.ts'],
};
