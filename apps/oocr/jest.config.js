module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'oocr',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
