// The infra tests synthesize the stack without building the console: a stand-in build (one
// index.html) is what infra/sepakat-app.ts deploys (SEPAKAT_CONSOLE_ASSETS).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const directory = mkdtempSync(join(tmpdir(), 'sepakat-console-'));
writeFileSync(join(directory, 'index.html'), '<!doctype html><title>Sepakat</title>\n');
process.env.SEPAKAT_CONSOLE_ASSETS = directory;
