// The milestones a coordinator records (and an official reports through a link), with their
// signatories: the body of POST /agreements/{id}/milestones.
import * as z from './zod.ts';
import { appIdSchema, isoDate, multiLine, sideSchema, singleLine } from './schema-parts.ts';

export const signatoryCapacitySchema = z.enum([
  'DEFINITIVE', // the office holder signs
  'ACTING', // Plt./Pj.: acting office holder
  'ON_BEHALF', // a.n.: signed on behalf of the office holder
  'POWER_OF_ATTORNEY', // under a surat kuasa
]);

export const signatorySchema = z
  .strictObject({
    name: singleLine(200),
    position: singleLine(200),
    side: sideSchema,
    capacity: z._default(signatoryCapacitySchema, 'DEFINITIVE'),
    onBehalfOf: z.optional(singleLine(200)),
    powerOfAttorneyNumber: z.optional(singleLine(100)),
  })
  .check(
    z.superRefine((s, ctx) => {
      if ((s.capacity === 'ON_BEHALF' || s.capacity === 'POWER_OF_ATTORNEY') && !s.onBehalfOf) {
        ctx.addIssue({
          code: 'custom',
          path: ['onBehalfOf'],
          message: `is required when capacity is ${s.capacity}: the position of the official represented`,
        });
      }
      if (s.capacity === 'POWER_OF_ATTORNEY' && !s.powerOfAttorneyNumber) {
        ctx.addIssue({
          code: 'custom',
          path: ['powerOfAttorneyNumber'],
          message: 'is required when capacity is POWER_OF_ATTORNEY: the number of the surat kuasa',
        });
      }
    }),
  );

const milestoneBase = {
  /** The date the milestone happened; usually in the past, agreements are recorded after signing. */
  occurredAt: isoDate,
  documentNumbers: z.optional(
    z.strictObject({ host: z.optional(singleLine(100)), partner: z.optional(singleLine(100)) }),
  ),
  signatories: z.optional(z.array(signatorySchema).check(z.maxLength(10))),
  notes: z.optional(multiLine(2000)),
};

export const deliverableSchema = z.enum([
  'SOURCE_CODE',
  'DOCUMENTATION',
  'INSTALLATION',
  'HOSTING',
  'DATABASE',
]);

export const milestoneSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('MOU_SIGNED'),
    ...milestoneBase,
    /** The last day the KSB is in force, if it has a term (domain/term.ts). */
    validUntil: z.optional(isoDate),
  }),
  z.strictObject({
    type: z.literal('PKS_SIGNED'),
    ...milestoneBase,
    validUntil: z.optional(isoDate),
  }),
  z.strictObject({
    type: z.literal('APP_HANDED_OVER'),
    ...milestoneBase,
    appId: appIdSchema,
    bastNumber: z.optional(singleLine(100)),
    appVersion: z.optional(singleLine(50)),
    deliverables: z.optional(
      z.array(deliverableSchema).check(z.maxLength(deliverableSchema.options.length)),
    ),
  }),
  z.strictObject({
    type: z.literal('APP_DROPPED'),
    ...milestoneBase,
    appId: appIdSchema,
    reason: multiLine(1000),
  }),
  z
    .strictObject({
      type: z.literal('TRAINING_SCHEDULED'),
      ...milestoneBase,
      startsOn: isoDate,
      endsOn: isoDate,
      location: z.optional(singleLine(200)),
    })
    .check(
      z.refine((m) => m.endsOn >= m.startsOn, {
        path: ['endsOn'],
        message: 'must not be before startsOn',
      }),
    ),
  z.strictObject({
    type: z.literal('TRAINING_COMPLETED'),
    ...milestoneBase,
    participants: z.optional(z.int().check(z.minimum(1), z.maximum(10_000))),
  }),
  z.strictObject({
    type: z.literal('FOLLOW_UP_REPORTED'),
    ...milestoneBase,
    appId: appIdSchema,
    live: z.boolean(),
  }),
  // The term of the PKS in force (domain/term.ts): an adendum, a new PKS, an early end.
  z.strictObject({
    type: z.literal('TERM_AMENDED'),
    ...milestoneBase,
    validUntil: isoDate,
    /** The adendum itself allows a term past the legal maximum from the original signing. */
    extendsBeyondMaxTerm: z.optional(z.boolean()),
  }),
  z.strictObject({ type: z.literal('TERM_RENEWED'), ...milestoneBase, validUntil: isoDate }),
  z.strictObject({
    type: z.literal('AGREEMENT_TERMINATED'),
    ...milestoneBase,
    reason: multiLine(1000),
  }),
]);

export type Signatory = z.infer<typeof signatorySchema>;
export type MilestoneInput = z.infer<typeof milestoneSchema>;
export type MilestoneType = MilestoneInput['type'];
