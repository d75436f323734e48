// The bodies of the commands that carry no milestone: a cancellation's reason, and nothing to
// resume an agreement's nudges.
import * as z from './zod.ts';
import { multiLine } from './schema-parts.ts';

export const cancelAgreementSchema = z.strictObject({ reason: multiLine(1000) });

/** "Resume nudges" takes no body (or an empty object). */
export const resumeNudgesSchema = z._default(z.strictObject({}), {});

export type CancelAgreementInput = z.infer<typeof cancelAgreementSchema>;
