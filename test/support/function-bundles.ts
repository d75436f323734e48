// Every Lambda function bundled in one esbuild run as the CDK bundles it (ESM, the SDK in, the
// credentials alias), for tests that check what a function's bundle holds.
import { basename } from 'node:path';
import { build } from 'esbuild';
import { API_ROUTES } from '../../functions/api/routes.ts';
import { TASK_FUNCTIONS } from '../../functions/workflow-tasks.ts';
import { SES_FEEDBACK_FUNCTION } from '../../infra/constructs/email-delivery.ts';

export interface FunctionBundle {
  name: string;
  capabilities: readonly string[];
  /** The bundle's input files (relative to the repository, node_modules/ included). */
  inputs: string[];
}

export async function functionBundles(): Promise<FunctionBundle[]> {
  const functions = [...API_ROUTES, ...TASK_FUNCTIONS, SES_FEEDBACK_FUNCTION];
  // One build of every entry: an output per function, named after its entry file.
  const result = await build({
    entryPoints: functions.map((fn) => fn.entry),
    outdir: 'bundles',
    bundle: true,
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
    return { name: fn.name, capabilities: fn.capabilities, inputs: Object.keys(output[1].inputs) };
  });
}
