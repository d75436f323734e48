// What an official may send through an action link, and what a coordinator sends about a
// report or the contacts. Officials type this text on a public page: it is trimmed, stripped of
// control characters (line breaks kept where a paragraph makes sense) and length-limited here,
// and escaped wherever it is shown or emailed (domain/messages/).
import * as z from './zod.ts';
import { signatoryCapacitySchema } from './milestone-schemas.ts';
import { appIdSchema, contactListSchema, isoDate } from './schema-parts.ts';

export const ACTION_ANSWERS = ['DONE', 'OBSTACLE', 'WRONG_PERSON'] as const;
export type ActionAnswer = (typeof ACTION_ANSWERS)[number];

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const CONTROL_BUT_LINE_FEED =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** One line of an official's text: control characters become spaces, then it is bounded. */
export const officialLine = (max: number) =>
  z.pipe(
    z.pipe(
      z.string().check(z.maxLength(max * 2, `must be at most ${max} characters`)),
      z.transform((s: string) => s.replace(CONTROL, ' ').replace(/\s+/g, ' ').trim()),
    ),
    bounded(max),
  );

/** A paragraph of an official's text: line feeds kept, every other control character dropped. */
export const officialText = (max: number) =>
  z.pipe(
    z.pipe(
      z.string().check(z.maxLength(max * 2, `must be at most ${max} characters`)),
      z.transform((s: string) =>
        s.replace(/\r\n?/g, '\n').replace(CONTROL_BUT_LINE_FEED, ' ').trim(),
      ),
    ),
    bounded(max),
  );

function bounded(max: number) {
  return z
    .string()
    .check(
      z.minLength(1, 'must not be empty'),
      z.maxLength(max, `must be at most ${max} characters`),
    );
}

/** "Done": the step happened, with what the coordinator needs to record it. */
export const doneDetailsSchema = z.strictObject({
  occurredAt: isoDate,
  /** The document's number (MoU, PKS) or the BAST's, for a handover. */
  documentNumber: z.optional(officialLine(100)),
  signatory: z.optional(
    z.strictObject({
      name: officialLine(200),
      position: officialLine(200),
      capacity: z._default(signatoryCapacitySchema, 'DEFINITIVE'),
      onBehalfOf: z.optional(officialLine(200)),
      powerOfAttorneyNumber: z.optional(officialLine(100)),
    }),
  ),
  /** For a follow-up check-in: the application reported on. */
  appId: z.optional(appIdSchema),
  /** For a follow-up check-in: whether the application is live. */
  live: z.optional(z.boolean()),
  notes: z.optional(officialText(1000)),
});

export const actionAnswerSchema = z.discriminatedUnion('answer', [
  z.extend(doneDetailsSchema, { answer: z.literal('DONE') }),
  z.strictObject({
    answer: z.literal('OBSTACLE'),
    reason: officialText(1000),
    until: isoDate,
  }),
  z.strictObject({
    answer: z.literal('WRONG_PERSON'),
    suggestedContact: z.strictObject({
      name: officialLine(200),
      position: officialLine(200),
      email: z.email({ message: 'must be a valid email address' }).check(z.maxLength(254)),
    }),
  }),
]);

/** The corrections a coordinator may make when confirming a report: any of the details. */
export const confirmReportSchema = z.partial(doneDetailsSchema);

export const rejectReportSchema = z.strictObject({ reason: officialText(1000) });

export const replaceContactsSchema = z.strictObject({ contacts: contactListSchema });

export type ActionAnswerInput = z.infer<typeof actionAnswerSchema>;
export type DoneDetails = z.infer<typeof doneDetailsSchema>;
export type ConfirmReportInput = z.infer<typeof confirmReportSchema>;
export type RejectReportInput = z.infer<typeof rejectReportSchema>;
export type ReplaceContactsInput = z.infer<typeof replaceContactsSchema>;
