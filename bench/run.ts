// npm run bench: measures every figure of bench/RESULTS.md side by side with its baseline, in
// one run, then writes bench/results.json and bench/RESULTS.md and prints the same Markdown.
// `npm run bench -- --only bundles,cold-start` runs some sections (and writes nothing).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { machine, type BenchSection, type SectionReport } from './report.ts';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));

// Handlers run in-process: keep their logs and metrics out of the printed tables. Powertools
// reads these once, when it loads, so they are set before any section is imported.
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
const { SECTIONS } = await import('./sections.ts');

const { values } = parseArgs({ options: { only: { type: 'string' } } });
const only = values.only?.split(',').map((id) => id.trim());
const unknown = only?.filter((id) => !SECTIONS.some((section) => section.id === id)) ?? [];
if (unknown.length > 0) {
  console.error(
    `Unknown section ${unknown.join(', ')}: choose from ${SECTIONS.map((s) => s.id).join(', ')}`,
  );
  process.exit(2);
}
const chosen = SECTIONS.filter((section) => !only || only.includes(section.id));

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)}s`;
const workDir = mkdtempSync(path.join(os.tmpdir(), 'sepakat-bench-'));
const reports = new Map<string, SectionReport>();
const earlier = new Map<string, unknown>();
try {
  for (const [index, section] of chosen.entries()) {
    const tag = `[${index + 1}/${chosen.length} ${section.id}]`;
    console.error(`${tag} ${section.title} (at ${elapsed()})`);
    const report = await runSection(section, tag);
    reports.set(section.id, report);
    earlier.set(section.id, report.data);
  }
} finally {
  rmSync(workDir, { recursive: true, force: true });
}

const header = {
  date: new Date().toISOString(),
  commit: gitCommit(),
  durationSeconds: Math.round((Date.now() - started) / 1000),
  machine: machine(),
};
const markdown = [
  '# Sepakat benchmarks',
  '',
  `Written by \`npm run bench\` on ${header.date} at commit \`${header.commit}\`, in ` +
    `${header.durationSeconds} s. Every figure is measured in the same run as its baseline.`,
  '',
  `Machine: ${Object.entries(header.machine)
    .map(([key, value]) => `${key} ${value}`)
    .join(', ')}.`,
  '',
  ...[...reports.values()].map((report) => `${report.markdown.trim()}\n`),
].join('\n');

console.log(markdown);
if (only) {
  console.error(`Ran ${chosen.length} of ${SECTIONS.length} sections: nothing written.`);
} else {
  const data = { ...header, sections: Object.fromEntries(earlier) };
  writeFileSync(path.join(BENCH_DIR, 'results.json'), `${JSON.stringify(data, null, 2)}\n`);
  writeFileSync(path.join(BENCH_DIR, 'RESULTS.md'), markdown);
  console.error(`Wrote bench/results.json and bench/RESULTS.md in ${elapsed()}.`);
}

async function runSection(section: BenchSection, tag: string): Promise<SectionReport> {
  return section.run({
    progress: (message) => {
      console.error(`${tag} ${message} (${elapsed()})`);
    },
    workDir: path.join(workDir, section.id),
    earlier,
  });
}

function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}
