// Every project's unit tests in one run (scripts/test-all.sh). Per-project runs: nx run <project>:test.
module.exports = {
  projects: [
    '<rootDir>/apps/*/jest.config.js',
    '<rootDir>/libs/*/*/jest.config.js',
    '<rootDir>/tools/*/jest.config.js',
  ],
};
