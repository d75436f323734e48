// Opaque page cursors: base64url JSON of the DynamoDB start key, tagged with the query it
// belongs to. A cursor comes back from the client, so it is checked against the shape of the
// keys that query produces (attribute names, value patterns, lengths): anything else, replayed
// or forged, would reach DynamoDB as a start key it answers with a ValidationException (a 500)
// or, worse, would silently start another list.
import { InvalidCursorError } from '../../domain/ports.ts';

type StartKey = Record<string, string>;

/**
 * The start keys a query produces: for each key attribute, its one value (the query's
 * partition) or the pattern every value matches. Patterns bound lengths, so that no value can
 * pass DynamoDB's key size limits.
 */
export type KeyShape = Readonly<Record<string, string | RegExp>>;

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

function fits(value: string, expected: string | RegExp): boolean {
  return typeof expected === 'string' ? value === expected : expected.test(value);
}

export function encodeCursor(query: string, startKey: StartKey): string {
  return Buffer.from(JSON.stringify({ q: query, k: startKey })).toString('base64url');
}

/**
 * Decodes a cursor and checks it continues `query`: its key must have exactly the attributes
 * of `shape`, each value as `shape` says.
 */
export function decodeCursor(cursor: string, query: string, shape: KeyShape): StartKey {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (!isCursorContent(parsed)) throw new InvalidCursorError('not a cursor issued by this API');
  const { q, k } = parsed;
  const expected = Object.entries(shape);
  const sameShape =
    Object.keys(k).length === expected.length &&
    expected.every(([name, value]) => Object.hasOwn(k, name) && fits(k[name] ?? '', value));
  if (q !== query || !sameShape) {
    throw new InvalidCursorError('it belongs to a different query; start again without a cursor');
  }
  return k;
}
