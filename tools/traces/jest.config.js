module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'traces',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.spec.ts'],
};
