// Every Lambda function bundled in one esbuild run as the CDK bundles it (ESM, the SDK in, the
// credentials alias), for tests that check what a function's bundle holds.
import { basename } from 'node:path';
import { build } from 'esbuild';
import { API_ROUTES } from '../../functions/api/routes.ts';
import { TASK_FUNCTIONS } from '../../functions/workflow-tasks.ts';
import { SES_FEEDBACK_FUNCTION } from '../../infra/constructs/email-delivery.ts';

export interface FunctionBundle {
  name: string;
  entry: string;
  capabilities: readonly string[];
  /**
   * The input files with bytes in the bundle (relative to the repository, node_modules/
   * included): what esbuild shook out entirely is not held.
   */
  inputs: string[];
}

export async function functionBundles(
  options: { minify?: boolean } = {},
): Promise<FunctionBundle[]> {
  const functions = [...API_ROUTES, ...TASK_FUNCTIONS, SES_FEEDBACK_FUNCTION];
  // One build of every entry: an output per function, named after its entry file.
  const result = await build({
    entryPoints: functions.map((fn) => fn.entry),
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
  const outputs = Object.entries(result.metafile.outputs).filter(([name]) => name.endsWith('.js'));
  return functions.map((fn) => {
    const name = basename(fn.entry, '.ts');
    const output = outputs.find(([file]) => basename(file, '.js') === name);
    if (!output) throw new Error(`esbuild wrote no bundle for ${fn.name}`);
    const inputs = Object.entries(output[1].inputs)
      .filter(([, { bytesInOutput }]) => bytesInOutput > 0)
      .map(([input]) => input);
    return { name: fn.name, entry: fn.entry, capabilities: fn.capabilities, inputs };
  });
}
