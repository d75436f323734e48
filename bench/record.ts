// Records what the bench and the suite compare against, in the repository:
//   node bench/record.ts sizes    every function's bundle size (bench/bundle-sizes.json), which
//                                 test/infra/bundle-sizes.test.ts allows to grow by 10 %
//   node bench/record.ts floors   the AWS calls of each function's cold start (bench/floors.json),
//                                 which its floor makes (bench/floor/)
// (npm run bench:record-sizes, npm run bench:record-floors). Check the diff before committing.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildFunctions } from './bundles.ts';
import { writeBundleSizes } from './bundle-sizes.ts';
import { writeFloorCalls } from './floors.ts';

const what = process.argv[2];
const workDir = mkdtempSync(path.join(os.tmpdir(), 'sepakat-record-'));
const progress = (message: string) => {
  console.error(`[record ${what ?? ''}] ${message}`);
};
try {
  if (what === 'sizes') {
    // Built twice: a size that differs between two builds could not guard anything.
    const [first, second] = [
      await buildFunctions(path.join(workDir, 'first')),
      await buildFunctions(path.join(workDir, 'second')),
    ];
    const unstable = first.filter((b, i) => b.bytes !== second[i]?.bytes).map((b) => b.name);
    if (unstable.length > 0)
      throw new Error(`Sizes differ between two builds: ${unstable.join(', ')}`);
    await writeBundleSizes(first);
    progress(
      `wrote bench/bundle-sizes.json: ${String(first.length)} bundles, the same in two builds`,
    );
  } else if (what === 'floors') {
    process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
    process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
    const { recordFunctionCalls } = await import('./cold-start.ts');
    const calls = await recordFunctionCalls({ progress, workDir, earlier: new Map() });
    await writeFloorCalls(Object.fromEntries(calls));
    progress(`wrote bench/floors.json: the calls of ${String(calls.size)} functions`);
  } else {
    console.error('Usage: node bench/record.ts sizes|floors');
    process.exitCode = 2;
  }
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
