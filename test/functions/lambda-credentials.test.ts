// What the bundled functions use in place of the SDK's default credential chain.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { defaultProvider } from '../../functions/shared/lambda-credentials.ts';
import { FUNCTION_BUNDLING } from '../../infra/constructs/sepakat-function.ts';

describe('credentials of the bundled functions', () => {
  it('are what Lambda puts in the environment', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, {
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'secret-example',
      AWS_SESSION_TOKEN: 'session-example',
    });
    try {
      await expect(defaultProvider()()).resolves.toMatchObject({
        accessKeyId: 'AKIDEXAMPLE',
        secretAccessKey: 'secret-example',
        sessionToken: 'session-example',
      });
    } finally {
      process.env = saved;
    }
  });

  it('replace the default chain in every bundle, by a module that exists', () => {
    const [name, target] = FUNCTION_BUNDLING.esbuildArgs['--alias'].split('=');
    expect(name).toBe('@aws-sdk/credential-provider-node');
    expect(existsSync(fileURLToPath(new URL(`../../${String(target)}`, import.meta.url)))).toBe(
      true,
    );
  });
});
