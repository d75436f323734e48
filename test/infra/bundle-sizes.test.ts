// The size guard: every Lambda function built as the bench builds it (bench/bundles.ts: esbuild
// with the options CDK derives from FUNCTION_BUNDLING) may not grow more than 10 % over the
// size recorded in bench/bundle-sizes.json, and every function has a recorded size. Sizes are
// deterministic; times are not, so times stay in `npm run bench`. A bundle that shrank or grew
// on purpose: `npm run bench:record-sizes`, and commit the file.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ALLOWED_GROWTH, recordedSizes } from '../../bench/bundle-sizes.ts';
import { buildFunctions, type Bundle } from '../../bench/bundles.ts';

const outDir = mkdtempSync(path.join(os.tmpdir(), 'sepakat-bundle-sizes-'));
let bundles: Bundle[];
const recorded = recordedSizes();
const RECORD = 'run `npm run bench:record-sizes` and commit bench/bundle-sizes.json';

// Generous: in the whole suite the build shares the machine with every other project.
beforeAll(async () => {
  bundles = await buildFunctions(outDir);
}, 300_000);
afterAll(() => {
  rmSync(outDir, { recursive: true, force: true });
});

describe('the Lambda bundles', () => {
  it('are every function the stack deploys, each with a recorded size', () => {
    expect(bundles.length).toBeGreaterThan(0);
    const unrecorded = bundles.filter((b) => recorded[b.name] === undefined).map((b) => b.name);
    expect({ unrecorded, fix: RECORD }).toEqual({ unrecorded: [], fix: RECORD });
    const gone = Object.keys(recorded).filter((name) => !bundles.some((b) => b.name === name));
    expect({ recordedButNotBuilt: gone }).toEqual({ recordedButNotBuilt: [] });
  });

  it(`grow at most ${String(ALLOWED_GROWTH * 100)} % over their recorded size`, () => {
    const grown = bundles
      .filter((b) => recorded[b.name] !== undefined)
      .filter((b) => b.bytes > (recorded[b.name] ?? 0) * (1 + ALLOWED_GROWTH))
      .map((b) => {
        const before = recorded[b.name] ?? 0;
        const parts = b.parts
          .slice(0, 3)
          .map((p) => `${p.name} ${String(p.bytes)}`)
          .join(', ');
        return `${b.name}: ${String(b.bytes)} bytes, recorded ${String(before)} (+${(
          (b.bytes / before - 1) *
          100
        ).toFixed(1)} %); largest parts ${parts}`;
      });
    expect(grown).toEqual([]);
  });
});
