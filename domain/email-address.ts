// One email address check for composing and for the MIME builder: the pattern zod's z.email()
// uses (so the schemas and the senders agree), imported alone to keep zod out of the bundles
// of the functions that send email.
import { regexes } from 'zod/v4/core';

/** Whether `value` is a single valid email address (no display name, no list). */
export function isEmailAddress(value: string): boolean {
  return regexes.email.test(value);
}
