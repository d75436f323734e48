// Which AWS calls each function's floor makes (bench/floors.json, as recorded from the
// function's own cold start by `npm run bench:record-floors`), and the floor's entry module:
// bench/floor/handler.ts with the services those calls need, and no other.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Call } from './cold-start-recorder.ts';
import { writeJsonFile } from './report.ts';

const FLOORS_FILE = fileURLToPath(new URL('floors.json', import.meta.url));
const FLOOR_DIR = fileURLToPath(new URL('floor/', import.meta.url));

/** The calls of each function, by name, in the order its recorded cold start made them. */
export function floorCalls(): Record<string, Call[]> {
  return JSON.parse(readFileSync(FLOORS_FILE, 'utf8')) as Record<string, Call[]>;
}

export async function writeFloorCalls(calls: Record<string, Call[]>): Promise<void> {
  const sorted = Object.fromEntries(Object.entries(calls).sort(([a], [b]) => a.localeCompare(b)));
  await writeJsonFile(FLOORS_FILE, sorted);
}

/** Calls as a sorted list: the order of calls made in parallel is not the function's to keep. */
export function sameCalls(a: readonly Call[], b: readonly Call[]): boolean {
  return JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());
}

/** The entry module of a floor: its services' modules, the handler over the calls. */
export function floorEntry(calls: readonly Call[]): { contents: string; resolveDir: string } {
  const services = [...new Set(calls.map((call) => call.split(' ')[0] ?? ''))];
  const local = (service: string) => `service${String(services.indexOf(service))}`;
  return {
    resolveDir: FLOOR_DIR,
    contents: [
      "import { floorHandler } from './handler.ts';",
      ...services.map((service) => `import ${local(service)} from './${service}.ts';`),
      `export const handler = floorHandler(${JSON.stringify(calls)}, {`,
      ...services.map((service) => `  ${JSON.stringify(service)}: ${local(service)},`),
      '});',
    ].join('\n'),
  };
}
