// Every project's integration tests (real PostgreSQL, Kafka, Temporal), one file at a time.
module.exports = {
  projects: ['<rootDir>/apps/*/jest.integration.config.js', '<rootDir>/libs/*/*/jest.integration.config.js'],
};
