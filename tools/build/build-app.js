#!/usr/bin/env node
// Builds apps to plain JavaScript for production: `node tools/build/build-app.js <app> [<app>…]` (or
// `npx nx run <app>:build`) writes dist/apps/<app>/, which runs with `node dist/apps/<app>/main.js`
// and needs no transpiler at run time. scripts/start-services.sh runs every service this way.
//
// Up-to-date check: the build writes dist/apps/<app>/.build-stamp, a fingerprint (path, size, mtime) of
// everything it reads (the app's src and config, every lib's src, tsconfig.base.json, this file), and
// skips an app whose fingerprint has not changed (a check costs ~20 ms; a build 0.2-0.7 s). --force
// builds anyway.
//
// The output mirrors the repository (dist/apps/<app>/apps/<app>/src/…, dist/apps/<app>/libs/…), so
// relative paths between files, and files the code reads next to itself (apps/<app>/config/), stay
// valid. The @oversight/* aliases of tsconfig.base.json are rewritten by swc into relative requires
// at build time: in development they resolve through npm workspace links to each lib's src/index.ts,
// which plain node cannot load. The build fails if any @oversight/* require is left.
//
// Type checking is not the build's job (`nx run <app>:typecheck`); swc only strips types, with the
// same decorator settings as the development loader (.swcrc).
'use strict';
const swc = require('@swc/core');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const force = process.argv.includes('--force');
const apps = process.argv.slice(2).filter((a) => a !== '--force');
const missing = apps.filter((a) => !fs.existsSync(path.join(ROOT, 'apps', a, 'src', 'main.ts')));
if (!apps.length || missing.length) {
  console.error(
    `usage: node tools/build/build-app.js [--force] <app> [<app>…]   (no apps/${missing[0] ?? '<app>'}/src/main.ts)`,
  );
  process.exit(2);
}
// Where the builds go: dist/apps/<app> by default; BUILD_DIR=<dir> puts them in <dir>/<app> (the production
// start test builds beside the running services' dist/, never over it).
const BUILD_DIR = path.resolve(ROOT, process.env.BUILD_DIR || path.join('dist', 'apps'));
const { paths } = JSON.parse(fs.readFileSync(path.join(ROOT, 'tsconfig.base.json'), 'utf8')).compilerOptions;

const swcOptions = (file) => ({
  cwd: ROOT,
  filename: file,
  swcrc: false,
  configFile: false,
  sourceMaps: true,
  jsc: {
    baseUrl: ROOT,
    paths,
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
});

const isSource = (f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !/\.(spec|int-spec|test)\.ts$/.test(f);

function walk(dir, out = []) {
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

/** Every lib's src (a lib the app does not use costs a few files, and nothing at run time). */
function libSourceDirs() {
  const dirs = [];
  const libs = path.join(ROOT, 'libs');
  for (const area of fs.readdirSync(libs, { withFileTypes: true })) {
    if (!area.isDirectory()) continue;
    for (const lib of fs.readdirSync(path.join(libs, area.name), { withFileTypes: true })) {
      const src = path.join(libs, area.name, lib.name, 'src');
      if (lib.isDirectory() && fs.existsSync(src)) dirs.push(src);
    }
  }
  return dirs;
}

/** Fingerprint of every input of one app's build: path, size and mtime (an edit, a checkout, a new file). */
function fingerprint(app, files) {
  const hash = crypto.createHash('sha256');
  const inputs = [
    ...files,
    ...walk(path.join(ROOT, 'apps', app, 'config')),
    path.join(ROOT, 'tsconfig.base.json'),
    __filename,
  ];
  for (const f of inputs.sort()) {
    const st = fs.statSync(f);
    hash.update(`${path.relative(ROOT, f)}\0${st.size}\0${st.mtimeMs}\n`);
  }
  return hash.digest('hex');
}

/**
 * "<version>-<12 hex>": the root package's version and a sha256 of the content of the build's inputs (the app's src
 * and config, every lib's src, tsconfig.base.json, package-lock.json: a new SDK is new workflow code too).
 */
function buildId(app, files) {
  const hash = crypto.createHash('sha256');
  const inputs = [
    ...files,
    ...walk(path.join(ROOT, 'apps', app, 'config')),
    path.join(ROOT, 'tsconfig.base.json'),
    path.join(ROOT, 'package-lock.json'),
  ].filter((f) => fs.existsSync(f));
  for (const f of inputs.sort()) hash.update(`${path.relative(ROOT, f)}\0`).update(fs.readFileSync(f));
  const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  return `${version}-${hash.digest('hex').slice(0, 12)}`;
}

async function build(app) {
  const started = Date.now();
  const OUT = path.join(BUILD_DIR, app);
  const sourceDirs = [path.join(ROOT, 'apps', app, 'src'), ...libSourceDirs()];
  const files = sourceDirs.flatMap((d) => walk(d));
  const stampFile = path.join(OUT, '.build-stamp');
  const stamp = fingerprint(app, files);
  const entries = [
    'main.js',
    ...(fs.existsSync(path.join(ROOT, 'apps', app, 'src', 'worker.ts')) ? ['worker.js'] : []),
  ];
  if (
    !force &&
    fs.existsSync(stampFile) &&
    fs.readFileSync(stampFile, 'utf8') === stamp &&
    entries.every((e) => fs.existsSync(path.join(OUT, e)))
  ) {
    console.log(`${app}: up to date (${Date.now() - started} ms) → ${path.relative(ROOT, OUT)}/main.js`);
    return;
  }
  fs.rmSync(OUT, { recursive: true, force: true });
  const leftovers = [];
  let compiled = 0;
  await Promise.all(
    files.map(async (file) => {
      const rel = path.relative(ROOT, file);
      const dest = path.join(OUT, rel);
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      if (!isSource(file)) {
        if (!file.endsWith('.ts')) fs.copyFileSync(file, dest); // json, wasm, templates read at run time
        return;
      }
      const { code, map } = await swc.transformFile(file, swcOptions(file));
      const js = dest.replace(/\.ts$/, '.js');
      if (/require\("@oversight\//.test(code)) leftovers.push(rel);
      fs.writeFileSync(js, `${code}\n//# sourceMappingURL=${path.basename(js)}.map\n`);
      if (map) fs.writeFileSync(`${js}.map`, map);
      compiled += 1;
    }),
  );
  if (leftovers.length) {
    console.error(
      `@oversight/* left unresolved in: ${leftovers.join(', ')} (add the alias to tsconfig.base.json)`,
    );
    throw new Error(`build of ${app} failed`);
  }
  // Files the app reads next to its source at run time (e.g. apps/oocr/config/*.json).
  const config = path.join(ROOT, 'apps', app, 'config');
  if (fs.existsSync(config)) fs.cpSync(config, path.join(OUT, 'apps', app, 'config'), { recursive: true });
  // The entry point at a fixed place: node dist/apps/<app>/main.js
  fs.writeFileSync(
    path.join(OUT, 'main.js'),
    `'use strict';\n// Built by tools/build/build-app.js: the compiled apps/${app}/src/main.ts.\nrequire('./apps/${app}/src/main.js');\n`,
  );
  // Apps with workflows also have a worker-only entry point: node dist/apps/<app>/worker.js
  if (fs.existsSync(path.join(ROOT, 'apps', app, 'src', 'worker.ts')))
    fs.writeFileSync(
      path.join(OUT, 'worker.js'),
      `'use strict';\n// Built by tools/build/build-app.js: the compiled apps/${app}/src/worker.ts.\nrequire('./apps/${app}/src/worker.js');\n`,
    );
  // Code that finds packages' files by a path relative to the repository root (the staff UI's GOV.UK
  // Frontend templates and Sass: <root>/node_modules/…, with <root> four levels above its source file)
  // lands on dist/apps/<app>/ when built; this relative link resolves to the repository's node_modules
  // here and to /app/node_modules in the image (dist/apps/<app> under /app).
  fs.symlinkSync(path.relative(OUT, path.join(ROOT, 'node_modules')), path.join(OUT, 'node_modules'));
  // The Temporal worker's build id (TEMPORAL_WORKER_VERSIONING=on, libs/shared/temporal/src/worker-versioning.ts):
  // a hash of the content of every input, so the same code always gets the same id and any change a new one.
  fs.writeFileSync(
    path.join(OUT, 'build-info.json'),
    `${JSON.stringify({ buildId: buildId(app, files) })}\n`,
  );
  fs.writeFileSync(stampFile, stamp);
  console.log(
    `built ${app}: ${compiled} files in ${Date.now() - started} ms → ${path.relative(ROOT, OUT)}/main.js`,
  );
}

async function main() {
  for (const app of apps) await build(app);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
