// Shared jest settings. Every project's jest.config.js spreads this.
// TypeScript is compiled by swc (with decorator metadata, which NestJS DI needs);
// type errors are caught by each project's `typecheck` target, not by jest.
const fs = require('node:fs');
const path = require('node:path');

const swcrc = JSON.parse(fs.readFileSync(path.join(__dirname, '.swcrc'), 'utf8'));

module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)s$': ['@swc/jest', { ...swcrc, swcrc: false }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  clearMocks: true,
  setupFiles: ['reflect-metadata'],
};
