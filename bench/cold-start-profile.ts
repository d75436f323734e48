// Where a cold start's CPU time goes: V8's sampling profiler (`node --cpu-prof`) on one more,
// uncounted sample, its self time attributed through the bundle's source map to the same parts
// as the bundles section's bytes (a package, or a folder of the project's own code), and what
// V8 itself reports apart (compiling, garbage collection) or Node's built-in modules.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { partOf, REPO_ROOT } from './bundles.ts';

/** CPU time (ms) by part, largest first. */
export type CpuParts = [string, number][];

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Node flags for a profiled sample, and the profile it wrote once it exited. */
export function profiler(workDir: string): {
  args: string[];
  read: (bundle: string) => CpuParts;
} {
  const dir = mkdtempSync(path.join(workDir, 'profile-'));
  return {
    args: ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--cpu-prof-interval=200'],
    read: (bundle) => {
      const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
      if (!file) throw new Error(`No CPU profile written in ${dir}`);
      const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as CpuProfile;
      rmSync(dir, { recursive: true, force: true });
      return cpuParts(profile, bundle);
    },
  };
}

/** Self time by part. */
function cpuParts(profile: CpuProfile, bundle: string): CpuParts {
  const bundleUrl = pathToFileURL(bundle).href;
  const map = new SourceMap(JSON.parse(readFileSync(`${bundle}.map`, 'utf8')) as SourceMapPayload);
  const partOfNode = (node: ProfileNode): string => {
    const { url, functionName, lineNumber, columnNumber } = node.callFrame;
    // V8's own entries, `(program)`, `(garbage collector)`, or a native function of Node.
    if (url === '')
      return functionName.startsWith('(') ? `V8 ${functionName}` : `native ${functionName}`;
    if (url.startsWith('node:')) return nodePart(url, functionName);
    if (url !== bundleUrl) return 'the bench child';
    const entry = map.findEntry(lineNumber, columnNumber);
    // The bundle's one top-level function holds every module's top-level statements.
    if (!('originalSource' in entry)) return functionName === '' ? 'top level' : 'esbuild runtime';
    const source = entry.originalSource.startsWith('file:')
      ? fileURLToPath(entry.originalSource)
      : path.resolve(path.dirname(bundle), entry.originalSource);
    return partOf(path.relative(REPO_ROOT, source));
  };
  const nodeParts = new Map(profile.nodes.map((node) => [node.id, partOfNode(node)]));
  const micros = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const part = nodeParts.get(id) ?? 'unknown';
    micros.set(part, (micros.get(part) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  micros.delete('V8 (idle)');
  return [...micros]
    .map(([name, us]): [string, number] => [name, us / 1000])
    .sort((a, b) => b[1] - a[1]);
}

/** Node's own frames, split where they do the bundle's work rather than Node's. */
function nodePart(url: string, functionName: string): string {
  if (functionName === 'compileSourceTextModule') return 'compiling the bundle';
  if (url.startsWith('node:internal/source_map/')) return 'source maps';
  return 'Node built-ins';
}
