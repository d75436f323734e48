// The browser's stand-in for the one `node:crypto` call of cli/import-rows.ts, so the import page
// computes the very Idempotency-Key the CLI computes for a row (a re-import replays either way).
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

export function createHash(algorithm: string) {
  if (algorithm !== 'sha256') throw new Error(`Only sha256 is available, not ${algorithm}`);
  const chunks: string[] = [];
  const hash = {
    update(text: string) {
      chunks.push(text);
      return hash;
    },
    digest(encoding: string) {
      if (encoding !== 'hex') throw new Error('Only hex digests are available');
      return bytesToHex(sha256(utf8ToBytes(chunks.join(''))));
    },
  };
  return hash;
}
