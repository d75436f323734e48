// The S3 client is in the bundles of the functions that presign or read documents' files,
// and in no other: each function ships what it uses (esbuild, as the CDK's bundling).
import { basename } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { build } from 'esbuild';
import { API_ROUTES } from '../../functions/api/routes.ts';
import { TASK_FUNCTIONS } from '../../functions/workflow-tasks.ts';

describe('the S3 client', () => {
  it('is bundled only where a function uses documents’ files', async () => {
    const functions = [...API_ROUTES, ...TASK_FUNCTIONS];
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
    const outputs = Object.entries(result.metafile.outputs).filter(([name]) =>
      name.endsWith('.js'),
    );
    for (const fn of functions) {
      const name = basename(fn.entry, '.ts');
      const output = outputs.find(([file]) => basename(file, '.js') === name);
      expect([fn.name, output !== undefined]).toEqual([fn.name, true]);
      const inputs = Object.keys(output?.[1].inputs ?? {});
      const hasS3 = inputs.some((input) => input.includes('@aws-sdk/client-s3/'));
      const usesFiles = fn.capabilities.some(
        (c) => c === 'uploadDocuments' || c === 'readDocuments',
      );
      expect([fn.name, hasS3]).toEqual([fn.name, usesFiles]);
    }
  }, 120_000);
});
