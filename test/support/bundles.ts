// Every function's entry built in one esbuild run, as the CDK's bundling builds it (ESM, node22,
// the credential alias), without writing: what each bundle takes in, from the metafile.
import { basename } from 'node:path';
import { build } from 'esbuild';

/** The inputs (with their bytes in the output) of each entry's bundle, by entry file. */
export async function bundleInputs(
  entries: string[],
  options: { minify?: boolean } = {},
): Promise<Map<string, Record<string, { bytesInOutput: number }>>> {
  const result = await build({
    entryPoints: entries,
    outdir: 'bundles',
    bundle: true,
    minify: options.minify ?? false,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    mainFields: ['module', 'main'],
    write: false,
    metafile: true,
    logLevel: 'silent',
    alias: { '@aws-sdk/credential-provider-node': './functions/shared/lambda-credentials.ts' },
  });
  // An output per entry, named after its entry file.
  const outputs = Object.entries(result.metafile.outputs).filter(([name]) => name.endsWith('.js'));
  return new Map(
    entries.flatMap((entry) => {
      const output = outputs.find(([file]) => basename(file, '.js') === basename(entry, '.ts'));
      return output ? [[entry, output[1].inputs] as const] : [];
    }),
  );
}
