// Where exceljs can live in the export function, measured: in its one bundled file, as CDK's
// NodejsFunction builds it (every cold start parses exceljs, a CSV export's too, and an XLSX
// export then runs it), or installed beside the file (CDK's `nodeModules`: a CSV export loads
// none of it, an XLSX export loads it from node_modules, unminified, file by file). Fresh
// processes, the two placements interleaved; the child times its own imports.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { esbuildOptions, functionBundling, REPO_ROOT } from './bundles.ts';
import { summarize } from './report.ts';

const run = promisify(execFile);
const SAMPLES = 10;

export interface ExceljsPlacement {
  samples: number;
  /** In the bundle: importing a module that holds exceljs unrun (what a CSV export pays). */
  bundledParse: number;
  /** In the bundle: then running it (what an XLSX export adds). */
  bundledRun: number;
  /** Installed beside the bundle: importing exceljs from node_modules (an XLSX export's cost). */
  installedImport: number;
}

/** Medians, in ms, of SAMPLES fresh processes for each placement. */
export async function measureExceljsPlacement(workDir: string): Promise<ExceljsPlacement> {
  const bundle = path.join(workDir, 'exceljs-bundle', 'index.mjs');
  await build({
    ...esbuildOptions(await functionBundling()),
    absWorkingDir: REPO_ROOT,
    // As the export holds it: behind a dynamic import, which esbuild inlines as a lazy module.
    stdin: {
      contents: "export const load = async () => (await import('exceljs')).default;",
      resolveDir: REPO_ROOT,
      loader: 'js',
    },
    outfile: bundle,
  });
  const timed = async (script: string) => {
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
      cwd: REPO_ROOT,
    });
    return stdout.trim().split(' ').map(Number);
  };
  const parse: number[] = [];
  const running: number[] = [];
  const installed: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const [parsed = NaN, ran = NaN] = await timed(
      `const t0 = performance.now(); const m = await import(${JSON.stringify(bundle)});` +
        'const t1 = performance.now(); await m.load();' +
        'console.log(t1 - t0, performance.now() - t1);',
    );
    parse.push(parsed);
    running.push(ran);
    const [imported = NaN] = await timed(
      "const t0 = performance.now(); await import('exceljs'); console.log(performance.now() - t0);",
    );
    installed.push(imported);
  }
  return {
    samples: SAMPLES,
    bundledParse: summarize(parse).median,
    bundledRun: summarize(running).median,
    installedImport: summarize(installed).median,
  };
}
