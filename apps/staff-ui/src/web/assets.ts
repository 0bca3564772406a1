import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { compile, Logger } from 'sass';

export const REPO_ROOT = path.resolve(__dirname, '../../../..');
export const GOVUK_DIST = path.join(REPO_ROOT, 'node_modules/govuk-frontend/dist');
export const MOJ_DIST = path.join(REPO_ROOT, 'node_modules/@ministryofjustice/frontend');
const ENTRY = path.join(__dirname, 'styles/app.scss');

/**
 * Builds the stylesheet at start-up, so nothing generated is committed. A cold build takes 5-20 s on
 * this 2-core machine, so the result is cached under .local/ keyed by the entry file and both
 * frameworks' versions. MoJ's settings are configured first: they configure GOV.UK Frontend's (a Sass
 * module is configurable once). A system font, not GDS Transport: this is not a GOV.UK service.
 */
export function buildStylesheet(cacheDir = path.join(REPO_ROOT, '.local/staff-ui')): string {
  const key = createHash('sha256')
    .update(readFileSync(ENTRY))
    .update(readFileSync(path.join(GOVUK_DIST, '../package.json')))
    .update(readFileSync(path.join(MOJ_DIST, 'package.json')))
    .digest('hex')
    .slice(0, 16);
  const cached = path.join(cacheDir, `app-${key}.css`);
  try {
    return readFileSync(cached, 'utf8');
  } catch {
    // not built yet
  }
  const css = compile(ENTRY, {
    loadPaths: [REPO_ROOT],
    style: 'compressed',
    quietDeps: true,
    logger: Logger.silent,
  }).css;
  try {
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(cached, css);
  } catch {
    // a read-only file system (production image): build again next start
  }
  return css;
}
