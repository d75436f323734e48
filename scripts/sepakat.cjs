#!/usr/bin/env node
// npx sepakat: the Node check first (scripts/preflight.cjs), then the CLI (cli/sepakat.ts).
'use strict';
require('./preflight.cjs');
import('./sepakat.ts').catch((error) => {
  process.stderr.write(`sepakat: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
