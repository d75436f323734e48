// Input schemas for everything a client can send. The API validates with these and the
// OpenAPI document is generated from them, so a rule lives in exactly one place.
import * as z from './zod.ts';
import { findApplication } from './catalog/catalog.ts';
import { STAGES, TERM_STATUSES } from './enums.ts';
import { cursorSchema, queryInt } from './page-query.ts';
import { REGION_CODE_PATTERN } from './regions/region-code.ts';
import { findRegion } from './regions/regions.ts';

export { MILESTONE_TYPES, STAGES, TERM_STATUSES } from './enums.ts';

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

const days = (max: number) =>
  z
    .int()
    .check(z.minimum(1, 'must be at least 1 day'), z.maximum(max, `must be at most ${max} days`));

/**
 * How to nudge people while a stage waits for them: first after `firstAfterDays`, then every
 * `everyDays`; after `escalateAfter` reminders an escalation, then at most `maxEscalations`
 * more every `escalationEveryDays`, then the wait goes dormant (domain/reminder-policy.ts).
 */
export const nudgeScheduleSchema = z.strictObject({
  firstAfterDays: days(365),
  everyDays: days(365),
  /** After this many unanswered reminders the next nudge goes to the escalation contacts. */
  escalateAfter: z.int().check(z.minimum(1), z.maximum(20)),
  /** Further escalations after the first, before the wait goes dormant (default 1). */
  maxEscalations: z.optional(
    z.int().check(z.minimum(0, 'must be at least 0'), z.maximum(5, 'must be at most 5')),
  ),
  /** Days between the escalations, and from the last one to dormancy (default 30). */
  escalationEveryDays: z.optional(days(365)),
});

const timeOfDay = z
  .string()
  .check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be a time HH:MM'));

export const reminderPolicySchema = z.strictObject({
  officeHours: z.optional(
    z
      .strictObject({ start: timeOfDay, end: timeOfDay })
      .check(z.refine((h) => h.start < h.end, { path: ['end'], message: 'must be after start' })),
  ),
  MOU: z.optional(nudgeScheduleSchema),
  PKS: z.optional(nudgeScheduleSchema),
  HANDOVER: z.optional(nudgeScheduleSchema),
  TRAINING: z.optional(z.extend(nudgeScheduleSchema, { remindDaysBefore: z.optional(days(30)) })),
  FOLLOW_UP: z.optional(
    z
      .strictObject({
        checkInAfterDays: z.array(days(730)).check(
          z.minLength(1),
          z.maxLength(12),
          z.refine((d) => d.every((v, i) => i === 0 || v > (d[i - 1] ?? 0)), 'must be increasing'),
        ),
        windowDays: days(1095),
      })
      .check(
        z.refine((f) => f.windowDays > (f.checkInAfterDays.at(-1) ?? 0), {
          path: ['windowDays'],
          message: 'must be after the last check-in',
        }),
      ),
  ),
  /** Days before the term's end on which an expiry notice goes out (domain/term.ts). */
  expiryNoticeDays: z.optional(
    z
      .array(
        z
          .int()
          .check(z.minimum(0, 'must not be negative'), z.maximum(730, 'must be at most 730 days')),
      )
      .check(
        z.maxLength(10),
        z.refine((d) => new Set(d).size === d.length, 'must not name a day twice'),
      ),
  ),
});

function unique<T>(items: T[], keyOf: (item: T) => string): boolean {
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

export const createAgreementSchema = z
  .strictObject({
    title: singleLine(300),
    partnerRegion: regionRefSchema,
    hostRegion: z.optional(regionRefSchema),
    apps: z.array(z.strictObject({ id: appIdSchema })).check(
      z.minLength(1, 'must name at least one application'),
      z.maxLength(50),
      z.refine((apps) => unique(apps, (a) => a.id), 'must not name an application twice'),
    ),
    contacts: contactListSchema,
    /**
     * Milestones already reached, for agreements registered after the fact; applied in order.
     * At most 89: the creation is one DynamoDB transaction (100 items at most) holding the
     * agreement, its report row, its idempotency record and one event per milestone and stage change.
     */
    milestones: z.optional(
      z.array(milestoneSchema).check(z.maxLength(89, 'must hold at most 89 milestones')),
    ),
    /** Overrides of the default reminder policy, per stage. */
    reminderPolicy: z.optional(reminderPolicySchema),
  })
  .check(
    z.refine((a) => !a.hostRegion || a.hostRegion.code !== a.partnerRegion.code, {
      path: ['partnerRegion', 'code'],
      message: 'must differ from the host region',
    }),
  );

export const cancelAgreementSchema = z.strictObject({ reason: multiLine(1000) });

/** "Resume nudges" takes no body (or an empty object). */
export const resumeNudgesSchema = z._default(z.strictObject({}), {});

/** A yes/no query parameter: `true` or `false`, nothing else. */
const queryFlag = z.pipe(
  z.enum(['true', 'false'], { message: 'must be true or false' }),
  z.transform((value) => value === 'true'),
);

const partnerRegionParameter = z
  .string()
  .check(
    z.regex(REGION_CODE_PATTERN, 'must be a Kemendagri code'),
    z.describe('Only agreements with this partner region (Kemendagri code, e.g. 61.12)'),
  );

export const LIST_SORTS = ['newest', 'longest-waiting'] as const;

/**
 * GET /agreements: every filter of the list, parsed in this one place. A new filter is a field
 * here, in `ListFilters` (domain/ports.ts) and in the adapter's filter table
 * (adapters/dynamodb/list-query.ts).
 */
/** A province's Kemendagri code (two digits), one that exists. */
export const provinceCodeSchema = z.string().check(
  z.regex(/^\d{2}$/, { message: 'must be a Kemendagri province code such as "32"', abort: true }),
  z.refine((code) => findRegion(code) !== undefined, 'is not a known Kemendagri province code'),
);

export const listAgreementsQuerySchema = z.strictObject({
  stage: z.optional(stageSchema),
  province: z
    .optional(provinceCodeSchema)
    .check(
      z.describe('Only agreements whose partner region lies in this province (Kemendagri code)'),
    ),
  partnerRegion: z.optional(partnerRegionParameter),
  stalled: z
    .optional(queryFlag)
    .check(
      z.describe(
        '`true`: only agreements whose current stage is overdue against their reminder policy ' +
          '(at least one reminder sent); `false`: only the others',
      ),
    ),
  needsAttention: z
    .optional(queryFlag)
    .check(z.describe('`true`: only agreements the workflow failed on; `false`: only the others')),
  q: z
    .optional(
      z
        .string()
        .check(
          z.trim(),
          z.minLength(2, 'must be at least 2 characters'),
          z.maxLength(100, 'must be at most 100 characters'),
        ),
    )
    .check(
      z.describe(
        'Text search, case- and accent-insensitive, in the title and the partner region name',
      ),
    ),
  sort: z
    ._default(z.enum(LIST_SORTS), 'newest')
    .check(
      z.describe('`newest`: newest first; `longest-waiting`: longest in their current stage first'),
    ),
  limit: z._default(queryInt(1, 100), 20),
  cursor: z.optional(cursorSchema),
  dormant: z
    .optional(queryFlag)
    .check(
      z.describe(
        'true: only agreements with a dormant wait (reminders ended unanswered); false: none',
      ),
    ),
  termStatus: z
    .optional(z.enum(TERM_STATUSES))
    .check(z.describe('Only agreements whose term has this status today (soonest end first)')),
  expiringWithinDays: z
    .optional(queryInt(0, 3650))
    .check(
      z.describe('Only terms in force that end within this many days from today (today included)'),
    ),
});

/** GET /reports/summary. */
export const reportSummaryQuerySchema = z.strictObject({
  partnerRegion: z
    .optional(partnerRegionParameter)
    .check(
      z.describe('Host coordinators: the summary of one partner region (partners get their own)'),
    ),
  limit: z
    ._default(queryInt(1, 50), 10)
    .check(z.describe('How many agreements each list of the summary holds at most')),
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
