#!/usr/bin/env bash
# Creates the boilerplate of a new lib or app: package.json (npm workspace), project.json (Nx tags and
# targets), tsconfig.json, jest.config.js, README.md. Usage:
#   tools/scaffold.sh lib <scope> <name> <type> "<one-line purpose>"
#   tools/scaffold.sh app <name> <scope> "<one-line purpose>"
set -euo pipefail
kind=$1
if [ "$kind" = lib ]; then
  scope=$2 name=$3 type=$4 purpose=$5 dir="libs/$2/$3" pkg="@oversight/$3" tags="\"type:$4\", \"scope:$2\""
  up=../../..
else
  name=$2 scope=$3 purpose=$4 dir="apps/$2" pkg="@oversight/$2-app" tags="\"type:app\", \"scope:$3\""
  up=../..
fi
mkdir -p "$dir/src"
[ -f "$dir/package.json" ] || cat > "$dir/package.json" <<J
{
  "name": "$pkg",
  "version": "0.0.0",
  "private": true,
  "main": "src/index.ts",
  "types": "src/index.ts"
}
J
[ -f "$dir/project.json" ] || cat > "$dir/project.json" <<J
{
  "name": "$name",
  "\$schema": "$up/node_modules/nx/schemas/project-schema.json",
  "sourceRoot": "$dir/src",
  "projectType": "$([ "$kind" = lib ] && echo library || echo application)",
  "tags": [$tags],
  "targets": { "lint": {}, "format": {}, "typecheck": {}, "test": {} }
}
J
[ -f "$dir/tsconfig.json" ] || cat > "$dir/tsconfig.json" <<J
{
  "extends": "$up/tsconfig.base.json",
  "include": ["src/**/*.ts", "test/**/*.ts", "prisma.config.ts"]
}
J
[ -f "$dir/jest.config.js" ] || cat > "$dir/jest.config.js" <<J
module.exports = {
  ...require('$up/jest.preset.js'),
  displayName: '$name',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
J
[ -f "$dir/README.md" ] || printf '# %s\n\n%s\n' "$pkg" "$purpose" > "$dir/README.md"
[ -f "$dir/src/index.ts" ] || [ "$kind" = app ] || echo "export {};" > "$dir/src/index.ts"
echo "scaffolded $dir"
