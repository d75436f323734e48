// Writes docs/openapi.json, the OpenAPI document GET /openapi.json serves, from the route table
// and the zod schemas (functions/api/openapi.ts), formatted as prettier would.
// test/contracts/openapi.test.ts fails when the file no longer matches the generator.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { openApiDocument } from '../functions/api/openapi.ts';

const target = fileURLToPath(new URL('../docs/openapi.json', import.meta.url));
const document = await openApiDocument();
const options = await resolveConfig(target);
writeFileSync(target, await format(JSON.stringify(document), { ...options, filepath: target }));
console.log(
  `Wrote ${String(Object.keys(document.paths).length)} paths and ${String(Object.keys(document.components.schemas).length)} schemas to ${target}`,
);
