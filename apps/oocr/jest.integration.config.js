module.exports = {
  ...require('../../jest.integration.preset.js'),
  displayName: 'oocr (integration)',
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/**/*.int-spec.ts'],
};
