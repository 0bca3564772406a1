// Playwright end-to-end tests of the staff UI in Debian's Chromium, against the running local stack
// (`npm run start:all`). Run with scripts/test-ui.sh (installs Chromium if missing, writes the JSON result).
import { defineConfig } from '@playwright/test';
import path from 'node:path';

const results = path.resolve(__dirname, '../../.local/test-results');

export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.e2e.ts',
  // Two cores shared by the whole stack (load averages above 25 seen while others test): one browser at a
  // time, generous timeouts, no retries (a flaky test should be seen, not hidden).
  workers: 1,
  retries: 0,
  timeout: 180_000,
  expect: { timeout: 15_000 },
  outputDir: path.join(results, 'playwright'),
  reporter: [['list'], ['json', { outputFile: path.join(results, 'ui-e2e.json') }]],
  use: {
    baseURL: process.env.STAFF_UI_URL ?? 'http://127.0.0.1:3200',
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
    navigationTimeout: 30_000,
    actionTimeout: 15_000,
    trace: 'retain-on-failure',
  },
  projects: [{ name: 'debian-chromium', use: { browserName: 'chromium' } }],
});
