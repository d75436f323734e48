// What keeps people's text from shaping an email: every string that comes from people (titles,
// names, locations, notes, errors) is stripped of control characters before it reaches a
// template, subjects are single lines of at most SUBJECT_MAX_LENGTH characters, addresses are
// single valid addresses, and Step Functions ARNs and task tokens never travel by email.
import { isEmailAddress } from '../email-address.ts';

/** Longer subjects are cut (with an ellipsis): mail clients show about this much. */
export const SUBJECT_MAX_LENGTH = 150;

export class InvalidEmailAddressError extends Error {
  readonly address: string;
  constructor(address: string) {
    super(`Not a valid email address: ${JSON.stringify(address)}`);
    this.name = 'InvalidEmailAddressError';
    this.address = address;
  }
}

// C0 and C1 controls, line and paragraph separators and the bidirectional marks and overrides.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const CONTROL_BUT_LINE_FEED =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** One line without control characters: safe for a subject or a header. */
export function neutralise(value: string): string {
  return value.replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
}

/** Keeps line feeds (text that may span lines), removes every other control character. */
function multiline(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(CONTROL_BUT_LINE_FEED, ' ').trim();
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** A subject: one line, at most SUBJECT_MAX_LENGTH characters (never half a character). */
export function subjectLine(value: string): string {
  const line = neutralise(value);
  if (line.length <= SUBJECT_MAX_LENGTH) return line;
  let cut = '';
  for (const { segment } of graphemes.segment(line)) {
    if (cut.length + segment.length > SUBJECT_MAX_LENGTH - 1) break;
    cut += segment;
  }
  return `${cut.trimEnd()}…`;
}

const STATES_ARN = /arn:aws[a-z-]*:states:[^\s"'<>]*/g;
// Task tokens are long runs of base64 (often several hundred characters).
const TOKEN_LIKE = /[A-Za-z0-9+/=_-]{48,}/g;

/** Removes what must not travel by email: Step Functions ARNs and token-like strings. */
export function redactSecrets(value: string): string {
  return value.replace(STATES_ARN, '[ARN]').replace(TOKEN_LIKE, '[redacted]');
}

/** Refuses an address that is not a single valid email address. */
export function validateAddresses(addresses: readonly string[]): void {
  for (const address of addresses) {
    if (!isEmailAddress(address)) throw new InvalidEmailAddressError(address);
  }
}

/** Every string of a context as one line, but for the multi-line `cause`. */
export function clean<T>(value: T, key = ''): T {
  if (typeof value === 'string') {
    return (key === 'cause' ? multiline(value) : neutralise(value)) as T;
  }
  if (Array.isArray(value)) return value.map((item: unknown) => clean(item)) as T;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, clean(v as unknown, k)]),
    ) as T;
  }
  return value;
}
