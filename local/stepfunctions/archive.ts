// Ended executions kept in the data folder (executions/, one file each), so that
// `aws stepfunctions describe-execution` and get-execution-history still find yesterday's after
// npm start again. Bounded as AWS's retention is: at most `maxExecutions` files, none older
// than `retentionDays` (of workflow time) after it ended.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { EndedExecution, ExecutionArchive, ExecutionRecord } from './engine.ts';

export interface FileArchiveOptions {
  dir: string;
  /** The workflow clock, for the retention. */
  now: () => Date;
  /** Default 1000. */
  maxExecutions?: number;
  /** Default 90, as AWS keeps a Standard execution's history. */
  retentionDays?: number;
  /** Default 0o600: the inputs name officials. */
  fileMode?: number;
}

const DAY_MS = 86_400_000;

export function fileArchive(options: FileArchiveOptions): ExecutionArchive {
  const { dir, now } = options;
  const max = options.maxExecutions ?? 1000;
  const retentionMs = (options.retentionDays ?? 90) * DAY_MS;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const fileOf = (executionArn: string) =>
    join(dir, `${Buffer.from(executionArn).toString('base64url')}.json`);
  // The records (no histories) by ARN, read once: list() answers from memory.
  const index = new Map<string, ExecutionRecord>();
  for (const name of readdirSync(dir)) {
    if (!name.endsWith('.json')) continue;
    try {
      const { record } = JSON.parse(readFileSync(join(dir, name), 'utf8')) as EndedExecution;
      index.set(record.executionArn, record);
    } catch {
      rmSync(join(dir, name), { force: true }); // half-written before a crash
    }
  }
  const prune = () => {
    const oldest = [...index.values()].sort((a, b) => (a.stopDate ?? 0) - (b.stopDate ?? 0));
    const expired = oldest.filter((r) => (r.stopDate ?? 0) < now().getTime() - retentionMs);
    const over = oldest.slice(0, Math.max(0, index.size - max));
    for (const record of new Set([...expired, ...over])) {
      index.delete(record.executionArn);
      rmSync(fileOf(record.executionArn), { force: true });
    }
  };
  prune();
  return {
    save(ended) {
      const file = fileOf(ended.record.executionArn);
      writeFileSync(`${file}.tmp`, JSON.stringify(ended), { mode: options.fileMode ?? 0o600 });
      renameSync(`${file}.tmp`, file);
      index.set(ended.record.executionArn, ended.record);
      prune();
    },
    get(executionArn) {
      if (!index.has(executionArn)) return undefined;
      try {
        return JSON.parse(readFileSync(fileOf(executionArn), 'utf8')) as EndedExecution;
      } catch {
        return undefined;
      }
    },
    list(stateMachineArn) {
      return [...index.values()].filter((r) => r.stateMachineArn === stateMachineArn);
    },
  };
}
