// Input schemas of an agreement's creation: the agreement itself and its reminder policy. The
// API validates with these and the OpenAPI document is generated from them, so a rule lives in
// exactly one place. The other inputs have their own modules (schema-parts.ts, milestone-,
// command-, query-, action- and document-schemas.ts): zod builds a module's schemas when it
// loads, so each route loads only the modules it parses with.
import * as z from './zod.ts';
import { milestoneSchema } from './milestone-schemas.ts';
import {
  appIdSchema,
  contactListSchema,
  regionRefSchema,
  singleLine,
  unique,
} from './schema-parts.ts';

export { MILESTONE_TYPES, STAGES, TERM_STATUSES } from './enums.ts';
export type { Contact, ContactRole, Side, Stage } from './schema-parts.ts';
export type { MilestoneInput, MilestoneType } from './milestone-schemas.ts';
export type { CancelAgreementInput } from './command-schemas.ts';

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

export type CreateAgreementInput = z.infer<typeof createAgreementSchema>;
export type NudgeSchedule = z.infer<typeof nudgeScheduleSchema>;
export type ReminderPolicyInput = z.infer<typeof reminderPolicySchema>;
