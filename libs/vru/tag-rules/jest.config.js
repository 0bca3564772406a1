module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'tag-rules',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
