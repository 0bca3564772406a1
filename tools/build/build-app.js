#!/usr/bin/env node
// Builds one app to plain JavaScript for production: `node tools/build/build-app.js <app>` (or
// `npx nx run <app>:build`) writes dist/apps/<app>/, which runs with `node dist/apps/<app>/main.js`
// and needs no transpiler at run time.
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
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const app = process.argv[2];
if (!app || !fs.existsSync(path.join(ROOT, 'apps', app, 'src', 'main.ts'))) {
  console.error(`usage: node tools/build/build-app.js <app>   (no apps/${app ?? '<app>'}/src/main.ts)`);
  process.exit(2);
}
const OUT = path.join(ROOT, 'dist', 'apps', app);
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

async function main() {
  const started = Date.now();
  fs.rmSync(OUT, { recursive: true, force: true });
  const sourceDirs = [path.join(ROOT, 'apps', app, 'src'), ...libSourceDirs()];
  const files = sourceDirs.flatMap((d) => walk(d));
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
    process.exit(1);
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
  console.log(
    `built ${app}: ${compiled} files in ${Date.now() - started} ms → ${path.relative(ROOT, OUT)}/main.js`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
