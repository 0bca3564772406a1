// Every project's integration tests (real PostgreSQL, Kafka, Temporal), one file at a time.
// testTimeout is a global option: jest ignores it in the project configs when run this way.
module.exports = {
  testTimeout: 180_000,
  projects: ['<rootDir>/apps/*/jest.integration.config.js', '<rootDir>/libs/*/*/jest.integration.config.js'],
};
