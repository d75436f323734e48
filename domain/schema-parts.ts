// The building blocks of the input schemas: text, dates, the enums, region and application
// references, contacts. Every schema module builds on these; each route loads only the modules
// it parses with (zod builds a module's schemas when it loads: an unused one costs a cold start).
import * as z from './zod.ts';
import { findApplication } from './catalog/catalog.ts';
import { STAGES } from './enums.ts';
import { REGION_CODE_PATTERN } from './regions/region-code.ts';
import { findRegion } from './regions/regions.ts';

// Single-line text must not carry CR/LF or other control characters: they end up in email
// headers and subjects, where a line break is a header injection.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS_EXCEPT_LINE_BREAKS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Trimmed, non-empty text of at most `max` characters without the `forbidden` characters. */
const text = (max: number, forbidden: RegExp, message: string) =>
  z.string().check(
    z.trim(),
    z.minLength(1, 'must not be empty'),
    z.maxLength(max, `must be at most ${max} characters`),
    z.refine((s) => !forbidden.test(s), message),
  );

export const singleLine = (max: number) =>
  text(max, CONTROL_CHARACTERS, 'must be a single line without control characters');

export const multiLine = (max: number) =>
  text(max, CONTROL_CHARACTERS_EXCEPT_LINE_BREAKS, 'must not contain control characters');

export const isoDate = z.iso.date({ message: 'must be a calendar date in the form YYYY-MM-DD' });

export const stageSchema = z.enum(STAGES);
export const sideSchema = z.enum(['HOST', 'PARTNER']);
export const localeSchema = z.enum(['id', 'en']);
export const contactRoleSchema = z.enum(['COORDINATOR', 'OFFICIAL', 'ESCALATION']);

export const regionCodeSchema = z.string().check(
  z.regex(REGION_CODE_PATTERN, {
    message: 'must be a Kemendagri code such as "32.73" (regency/city) or "32" (province)',
    // Only a well-formed code is looked up: one message per mistake.
    abort: true,
  }),
  z.refine((code) => findRegion(code) !== undefined, 'is not a known Kemendagri region code'),
);

export const regionRefSchema = z.strictObject({ code: regionCodeSchema });

export const appIdSchema = z.string().check(
  z.minLength(1),
  z.maxLength(100),
  z.refine(
    (id) => findApplication(id) !== undefined,
    'is not an application of the catalog (see GET /apps)',
  ),
);

export const contactSchema = z.strictObject({
  name: singleLine(200),
  email: z.email({ message: 'must be a valid email address' }).check(z.maxLength(254)),
  role: contactRoleSchema,
  side: sideSchema,
  locale: z._default(localeSchema, 'id'),
});

/** Whether no two items have the same key. */
export function unique<T>(items: T[], keyOf: (item: T) => string): boolean {
  return new Set(items.map(keyOf)).size === items.length;
}

/** An agreement's contacts: at creation, and when a coordinator replaces them. */
export const contactListSchema = z.array(contactSchema).check(
  z.minLength(1, 'must name at least one contact'),
  z.maxLength(50),
  z.refine(
    (contacts) => unique(contacts, (c) => `${c.email.toLowerCase()}|${c.role}`),
    'must not list the same email twice with the same role',
  ),
);

export type Stage = z.infer<typeof stageSchema>;
export type Side = z.infer<typeof sideSchema>;
export type ContactRole = z.infer<typeof contactRoleSchema>;
export type Contact = z.infer<typeof contactSchema>;
