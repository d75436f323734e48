// The S3 client is in the bundles of the functions that presign or read documents' files,
// and in no other: each function ships what it uses (esbuild, as the CDK's bundling).
import { describe, expect, it } from '@jest/globals';
import { functionBundles } from '../support/function-bundles.ts';

describe('the S3 client', () => {
  it('is bundled only where a function uses documents’ files', async () => {
    for (const fn of await functionBundles()) {
      const hasS3 = fn.inputs.some((input) => input.includes('@aws-sdk/client-s3/'));
      const usesFiles = fn.capabilities.some(
        (c) => c === 'uploadDocuments' || c === 'readDocuments',
      );
      expect([fn.name, hasS3]).toEqual([fn.name, usesFiles]);
    }
  }, 120_000);
});
