// Integration tests: real PostgreSQL, Kafka and Temporal (started by scripts/setup.sh). One file at a
// time (--runInBand) because several tests stop and restart servers.
module.exports = {
  ...require('./jest.preset.js'),
  testTimeout: 180_000,
  slowTestThreshold: 30,
};
