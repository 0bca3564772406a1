module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'prisma-migrate',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
