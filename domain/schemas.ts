// Input schemas for everything a client can send. The API validates with these and the
// OpenAPI document is generated from them, so a rule lives in exactly one place.
import * as z from 'zod';
import { findApplication } from './catalog/catalog.ts';
import { REGION_CODE_PATTERN } from './regions/region-code.ts';
import { findRegion } from './regions/regions.ts';

export const STAGES = [
  'MOU',
  'PKS',
  'HANDOVER',
  'TRAINING',
  'FOLLOW_UP',
  'COMPLETED',
  'CANCELLED',
] as const;
export const MILESTONE_TYPES = [
  'MOU_SIGNED',
  'PKS_SIGNED',
  'APP_HANDED_OVER',
  'APP_DROPPED',
  'TRAINING_SCHEDULED',
  'TRAINING_COMPLETED',
  'FOLLOW_UP_REPORTED',
  'TERM_AMENDED',
  'TERM_RENEWED',
  'AGREEMENT_TERMINATED',
] as const;

// Single-line text must not carry CR/LF or other control characters: they end up in email
// headers and subjects, where a line break is a header injection.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS_EXCEPT_LINE_BREAKS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export const singleLine = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !CONTROL_CHARACTERS.test(s), 'must be a single line without control characters');

export const multiLine = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine(
      (s) => !CONTROL_CHARACTERS_EXCEPT_LINE_BREAKS.test(s),
      'must not contain control characters',
    );

export const isoDate = z.iso.date({ message: 'must be a calendar date in the form YYYY-MM-DD' });

export const stageSchema = z.enum(STAGES);
/** Where an agreement's term stands (domain/term.ts): EXPIRING inside the first notice window. */
export const TERM_STATUSES = ['IN_FORCE', 'EXPIRING', 'EXPIRED', 'TERMINATED'] as const;
export const sideSchema = z.enum(['HOST', 'PARTNER']);
export const localeSchema = z.enum(['id', 'en']);
export const contactRoleSchema = z.enum(['COORDINATOR', 'OFFICIAL', 'ESCALATION']);

export const regionCodeSchema = z
  .string()
  .regex(REGION_CODE_PATTERN, {
    message: 'must be a Kemendagri code such as "32.73" (regency/city) or "32" (province)',
    // Only a well-formed code is looked up: one message per mistake.
    abort: true,
  })
  .refine((code) => findRegion(code) !== undefined, 'is not a known Kemendagri region code');

export const regionRefSchema = z.strictObject({ code: regionCodeSchema });

export const appIdSchema = z
  .string()
  .min(1)
  .max(100)
  .refine(
    (id) => findApplication(id) !== undefined,
    'is not an application of the catalog (see GET /apps)',
  );

export const contactSchema = z.strictObject({
  name: singleLine(200),
  email: z.email({ message: 'must be a valid email address' }).max(254),
  role: contactRoleSchema,
  side: sideSchema,
  locale: localeSchema.default('id'),
});

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
    capacity: signatoryCapacitySchema.default('DEFINITIVE'),
    onBehalfOf: singleLine(200).optional(),
    powerOfAttorneyNumber: singleLine(100).optional(),
  })
  .superRefine((s, ctx) => {
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
  });

const milestoneBase = {
  /** The date the milestone happened; usually in the past, agreements are recorded after signing. */
  occurredAt: isoDate,
  documentNumbers: z
    .strictObject({ host: singleLine(100).optional(), partner: singleLine(100).optional() })
    .optional(),
  signatories: z.array(signatorySchema).max(10).optional(),
  notes: multiLine(2000).optional(),
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
    validUntil: isoDate.optional(),
  }),
  z.strictObject({
    type: z.literal('PKS_SIGNED'),
    ...milestoneBase,
    validUntil: isoDate.optional(),
  }),
  z.strictObject({
    type: z.literal('APP_HANDED_OVER'),
    ...milestoneBase,
    appId: appIdSchema,
    bastNumber: singleLine(100).optional(),
    appVersion: singleLine(50).optional(),
    deliverables: z.array(deliverableSchema).max(deliverableSchema.options.length).optional(),
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
      location: singleLine(200).optional(),
    })
    .refine((m) => m.endsOn >= m.startsOn, {
      path: ['endsOn'],
      message: 'must not be before startsOn',
    }),
  z.strictObject({
    type: z.literal('TRAINING_COMPLETED'),
    ...milestoneBase,
    participants: z.int().min(1).max(10_000).optional(),
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
    extendsBeyondMaxTerm: z.boolean().optional(),
  }),
  z.strictObject({ type: z.literal('TERM_RENEWED'), ...milestoneBase, validUntil: isoDate }),
  z.strictObject({
    type: z.literal('AGREEMENT_TERMINATED'),
    ...milestoneBase,
    reason: multiLine(1000),
  }),
]);

const days = (max: number) =>
  z.int().min(1, 'must be at least 1 day').max(max, `must be at most ${max} days`);

/**
 * How to nudge people while a stage waits for them: first after `firstAfterDays`, then every
 * `everyDays`; after `escalateAfter` reminders an escalation, then at most `maxEscalations`
 * more every `escalationEveryDays`, then the wait goes dormant (domain/reminder-policy.ts).
 */
export const nudgeScheduleSchema = z.strictObject({
  firstAfterDays: days(365),
  everyDays: days(365),
  /** After this many unanswered reminders the next nudge goes to the escalation contacts. */
  escalateAfter: z.int().min(1).max(20),
  /** Further escalations after the first, before the wait goes dormant (default 1). */
  maxEscalations: z.int().min(0, 'must be at least 0').max(5, 'must be at most 5').optional(),
  /** Days between the escalations, and from the last one to dormancy (default 30). */
  escalationEveryDays: days(365).optional(),
});

const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be a time HH:MM');

export const reminderPolicySchema = z.strictObject({
  officeHours: z
    .strictObject({ start: timeOfDay, end: timeOfDay })
    .refine((h) => h.start < h.end, { path: ['end'], message: 'must be after start' })
    .optional(),
  MOU: nudgeScheduleSchema.optional(),
  PKS: nudgeScheduleSchema.optional(),
  HANDOVER: nudgeScheduleSchema.optional(),
  TRAINING: nudgeScheduleSchema.extend({ remindDaysBefore: days(30).optional() }).optional(),
  FOLLOW_UP: z
    .strictObject({
      checkInAfterDays: z
        .array(days(730))
        .min(1)
        .max(12)
        .refine((d) => d.every((v, i) => i === 0 || v > (d[i - 1] ?? 0)), 'must be increasing'),
      windowDays: days(1095),
    })
    .refine((f) => f.windowDays > (f.checkInAfterDays.at(-1) ?? 0), {
      path: ['windowDays'],
      message: 'must be after the last check-in',
    })
    .optional(),
  /** Days before the term's end on which an expiry notice goes out (domain/term.ts). */
  expiryNoticeDays: z
    .array(z.int().min(0, 'must not be negative').max(730, 'must be at most 730 days'))
    .max(10)
    .refine((d) => new Set(d).size === d.length, 'must not name a day twice')
    .optional(),
});

function unique<T>(items: T[], keyOf: (item: T) => string): boolean {
  return new Set(items.map(keyOf)).size === items.length;
}

/** An agreement's contacts: at creation, and when a coordinator replaces them. */
export const contactListSchema = z
  .array(contactSchema)
  .min(1, 'must name at least one contact')
  .max(50)
  .refine(
    (contacts) => unique(contacts, (c) => `${c.email.toLowerCase()}|${c.role}`),
    'must not list the same email twice with the same role',
  );

export const createAgreementSchema = z
  .strictObject({
    title: singleLine(300),
    partnerRegion: regionRefSchema,
    hostRegion: regionRefSchema.optional(),
    apps: z
      .array(z.strictObject({ id: appIdSchema }))
      .min(1, 'must name at least one application')
      .max(50)
      .refine((apps) => unique(apps, (a) => a.id), 'must not name an application twice'),
    contacts: contactListSchema,
    /**
     * Milestones already reached, for agreements registered after the fact; applied in order.
     * At most 89: the creation is one DynamoDB transaction (100 items at most) holding the
     * agreement, its report row, its idempotency record and one event per milestone and stage change.
     */
    milestones: z.array(milestoneSchema).max(89, 'must hold at most 89 milestones').optional(),
    /** Overrides of the default reminder policy, per stage. */
    reminderPolicy: reminderPolicySchema.optional(),
  })
  .refine((a) => !a.hostRegion || a.hostRegion.code !== a.partnerRegion.code, {
    path: ['partnerRegion', 'code'],
    message: 'must differ from the host region',
  });

export const cancelAgreementSchema = z.strictObject({ reason: multiLine(1000) });

/** "Resume nudges" takes no body (or an empty object). */
export const resumeNudgesSchema = z.strictObject({}).default({});

/** A yes/no query parameter: `true` or `false`, nothing else. */
const queryFlag = z
  .enum(['true', 'false'], { message: 'must be true or false' })
  .transform((value) => value === 'true');

const partnerRegionParameter = z
  .string()
  .regex(REGION_CODE_PATTERN, 'must be a Kemendagri code')
  .describe('Only agreements with this partner region (Kemendagri code, e.g. 61.12)');

export const LIST_SORTS = ['newest', 'longest-waiting'] as const;

/**
 * GET /agreements: every filter of the list, parsed in this one place. A new filter is a field
 * here, in `ListFilters` (domain/ports.ts) and in the adapter's filter table
 * (adapters/dynamodb/list-query.ts).
 */
/** A province's Kemendagri code (two digits), one that exists. */
export const provinceCodeSchema = z
  .string()
  .regex(/^\d{2}$/, { message: 'must be a Kemendagri province code such as "32"', abort: true })
  .refine((code) => findRegion(code) !== undefined, 'is not a known Kemendagri province code');

export const listAgreementsQuerySchema = z.strictObject({
  stage: stageSchema.optional(),
  province: provinceCodeSchema
    .optional()
    .describe('Only agreements whose partner region lies in this province (Kemendagri code)'),
  partnerRegion: partnerRegionParameter.optional(),
  stalled: queryFlag
    .optional()
    .describe(
      '`true`: only agreements whose current stage is overdue against their reminder policy ' +
        '(at least one reminder sent); `false`: only the others',
    ),
  needsAttention: queryFlag
    .optional()
    .describe('`true`: only agreements the workflow failed on; `false`: only the others'),
  q: z
    .string()
    .trim()
    .min(2, 'must be at least 2 characters')
    .max(100, 'must be at most 100 characters')
    .optional()
    .describe(
      'Text search, case- and accent-insensitive, in the title and the partner region name',
    ),
  sort: z
    .enum(LIST_SORTS)
    .default('newest')
    .describe('`newest`: newest first; `longest-waiting`: longest in their current stage first'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().min(1).max(2000).optional(),
  dormant: queryFlag
    .optional()
    .describe(
      'true: only agreements with a dormant wait (reminders ended unanswered); false: none',
    ),
  termStatus: z
    .enum(TERM_STATUSES)
    .optional()
    .describe('Only agreements whose term has this status today (soonest end first)'),
  expiringWithinDays: z.coerce
    .number()
    .int()
    .min(0)
    .max(3650)
    .optional()
    .describe('Only terms in force that end within this many days from today (today included)'),
});

/** GET /reports/summary. */
export const reportSummaryQuerySchema = z.strictObject({
  partnerRegion: partnerRegionParameter
    .optional()
    .describe('Host coordinators: the summary of one partner region (partners get their own)'),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(50)
    .default(10)
    .describe('How many agreements each list of the summary holds at most'),
});

export type Stage = z.infer<typeof stageSchema>;
export type Side = z.infer<typeof sideSchema>;
export type ContactRole = z.infer<typeof contactRoleSchema>;
export type Contact = z.infer<typeof contactSchema>;
export type Signatory = z.infer<typeof signatorySchema>;
export type MilestoneInput = z.infer<typeof milestoneSchema>;
export type MilestoneType = MilestoneInput['type'];
export type CreateAgreementInput = z.infer<typeof createAgreementSchema>;
export type CancelAgreementInput = z.infer<typeof cancelAgreementSchema>;
export type NudgeSchedule = z.infer<typeof nudgeScheduleSchema>;
export type ReminderPolicyInput = z.infer<typeof reminderPolicySchema>;
export type ListAgreementsQuery = z.infer<typeof listAgreementsQuerySchema>;
export type ListSort = (typeof LIST_SORTS)[number];
export type ReportSummaryQuery = z.infer<typeof reportSummaryQuerySchema>;
