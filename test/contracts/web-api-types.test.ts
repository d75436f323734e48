import { readFile } from 'node:fs/promises';
import { describe, expect, it } from '@jest/globals';
import { WEB_API_TYPES, webApiTypes } from '../../scripts/web-api-types.ts';

describe('the console’s API types (web/src/api/openapi.ts)', () => {
  it('are generated from docs/openapi.json as it is now (npm run build:web regenerates them)', async () => {
    expect(await readFile(WEB_API_TYPES, 'utf8')).toBe(await webApiTypes());
  });
});
