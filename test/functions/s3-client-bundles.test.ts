// The S3 client is in the bundles of the functions that presign or read documents' files,
// and in no other: each function ships what it uses (esbuild, as the CDK's bundling).
import { describe, expect, it } from '@jest/globals';
import { API_ROUTES } from '../../functions/api/routes.ts';
import { TASK_FUNCTIONS } from '../../functions/workflow-tasks.ts';
import { bundleInputs } from '../support/bundles.ts';

describe('the S3 client', () => {
  it('is bundled only where a function uses documents’ files', async () => {
    const functions = [...API_ROUTES, ...TASK_FUNCTIONS];
    const bundles = await bundleInputs(functions.map((fn) => fn.entry));
    for (const fn of functions) {
      const inputs = bundles.get(fn.entry);
      expect([fn.name, inputs !== undefined]).toEqual([fn.name, true]);
      const names = Object.keys(inputs ?? {});
      const hasS3 = names.some((input) => input.includes('@aws-sdk/client-s3/'));
      const usesFiles = fn.capabilities.some(
        (c) => c === 'uploadDocuments' || c === 'readDocuments',
      );
      expect([fn.name, hasS3]).toEqual([fn.name, usesFiles]);
    }
  }, 120_000);
});
