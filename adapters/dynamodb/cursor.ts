// Opaque page cursors: base64url JSON of the DynamoDB start key, tagged with the query it
// belongs to, so a cursor from one list cannot be replayed against another (which DynamoDB
// would answer with a server error).
import { InvalidCursorError } from '../../domain/ports.ts';

type StartKey = Record<string, string>;

/** The cursor's content: which query (index or partition) it continues, and the start key. */
interface CursorContent {
  q: string;
  k: StartKey;
}

// A hand-written check rather than zod: the functions that read lists stay small.
function isCursorContent(value: unknown): value is CursorContent {
  if (typeof value !== 'object' || value === null) return false;
  const { q, k } = value as Partial<Record<'q' | 'k', unknown>>;
  return (
    typeof q === 'string' &&
    typeof k === 'object' &&
    k !== null &&
    !Array.isArray(k) &&
    Object.values(k).every((v) => typeof v === 'string')
  );
}

export function encodeCursor(query: string, startKey: StartKey): string {
  return Buffer.from(JSON.stringify({ q: query, k: startKey })).toString('base64url');
}

/**
 * Decodes a cursor and checks it continues `query`: its key must have exactly `attributes`,
 * and each attribute named in `expected` must have that value.
 */
export function decodeCursor(
  cursor: string,
  query: string,
  attributes: readonly string[],
  expected: StartKey,
): StartKey {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (!isCursorContent(parsed)) throw new InvalidCursorError('not a cursor issued by this API');
  const { q, k } = parsed;
  const sameAttributes =
    Object.keys(k).length === attributes.length && attributes.every((a) => a in k);
  const sameScope = Object.entries(expected).every(([name, value]) => k[name] === value);
  if (q !== query || !sameAttributes || !sameScope) {
    throw new InvalidCursorError('it belongs to a different query; start again without a cursor');
  }
  return k;
}
