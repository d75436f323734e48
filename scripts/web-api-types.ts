// Writes web/src/api/openapi.ts, the console's API types, from docs/openapi.json with
// openapi-typescript (formatted as prettier would): the console's client is typed by the API's
// own document, never by a hand-kept copy (the lists of enum values too: enumValues). `npm run build:web` runs it first;
// test/contracts/web-api-types.test.ts fails when the file no longer matches the document.
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { format, resolveConfig } from 'prettier';

export const WEB_API_TYPES = fileURLToPath(new URL('../web/src/api/openapi.ts', import.meta.url));
const DOCUMENT = fileURLToPath(new URL('../docs/openapi.json', import.meta.url));

const HEADER = `// Generated from docs/openapi.json by scripts/web-api-types.ts (npm run build:web): do not edit.\n`;

/** The text web/src/api/openapi.ts should hold for the current docs/openapi.json. */
export async function webApiTypes(): Promise<string> {
  const document = JSON.parse(await readFile(DOCUMENT, 'utf8')) as Parameters<typeof openapiTS>[0];
  const source =
    HEADER + astToString(await openapiTS(document, { silent: true, enumValues: true }));
  const options = await resolveConfig(WEB_API_TYPES);
  return format(source, { ...options, filepath: WEB_API_TYPES });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await writeFile(WEB_API_TYPES, await webApiTypes());
  console.log(`Wrote ${WEB_API_TYPES}`);
}
