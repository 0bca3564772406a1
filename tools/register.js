// Runtime TypeScript loader for services and scripts: swc with decorator metadata.
// Workspace libs resolve through npm workspace links to their `src/index.ts`.
process.env.SWC_NODE_PROJECT =
  process.env.SWC_NODE_PROJECT || require('node:path').join(__dirname, '..', 'tsconfig.base.json');
require('reflect-metadata');
require('@swc-node/register');
