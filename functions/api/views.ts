// What the API returns, as zod schemas: the OpenAPI document is generated from them, and the
// mapping functions (view-of.ts) are type-checked against them, so the two cannot drift apart.
// Handlers import only their types: the schemas stay out of the Lambda bundles.
import { ACTION_ANSWERS, doneDetailsSchema } from '../../domain/action-schemas.ts';
import { milestoneSchema } from '../../domain/milestone-schemas.ts';
import { contactSchema, stageSchema } from '../../domain/schema-parts.ts';
import { reminderPolicySchema, TERM_STATUSES } from '../../domain/schemas.ts';
import * as z from '../../domain/zod.ts';

/** `schema` with a description in the OpenAPI document. */
const described = <T extends z.ZodMiniType>(schema: T, description: string): T =>
  schema.check(z.describe(description));

/** An optional field with a description (the description sits on the optional, as before). */
const optional = <T extends z.ZodMiniType>(schema: T, description: string) =>
  described(z.optional(schema), description);

const int = () => z.int();
const appStatus = () => z.enum(['PENDING', 'HANDED_OVER', 'DROPPED', 'LIVE', 'NOT_LIVE']);

export const regionView = z
  .object({
    code: described(z.string(), 'Kemendagri code: "32" for a province, "32.73" for a regency/city'),
    name: z.string(),
    type: z.enum(['PROVINSI', 'KABUPATEN', 'KOTA']),
    provinceCode: z.string(),
    provinceName: z.string(),
    timeZone: described(z.string(), 'IANA time zone, such as Asia/Jakarta'),
    timeZoneLabel: described(z.string(), 'WIB, WITA or WIT'),
  })
  .register(z.globalRegistry, { id: 'Region' });

export const termView = z
  .object({
    validUntil: described(z.iso.date(), 'The last day the document is in force'),
    document: described(z.enum(['PKS', 'MOU']), 'The PKS in force, or before it the KSB (MoU)'),
    status: described(
      z.enum(TERM_STATUSES),
      'EXPIRING inside the first expiry-notice window; computed from the dates and today',
    ),
    daysLeft: described(int(), 'Days from today (the partner’s date) to validUntil; 0 once over'),
    maxTermAssumed: optional(
      z.literal(true),
      'The PKS named no end: it runs the legal maximum (5 years) from its signing',
    ),
  })
  .register(z.globalRegistry, { id: 'Term' });

const linkHolderView = z.object({
  name: z.string(),
  email: z.string(),
  side: z.enum(['HOST', 'PARTNER']),
  role: z.enum(['COORDINATOR', 'OFFICIAL', 'ESCALATION']),
});

export const pendingReportView = z
  .object({
    id: described(z.string(), 'The `reportId` of the confirm and reject routes'),
    waitKey: described(z.string(), 'The wait it answers, e.g. `PKS` or `HANDOVER#e-rk`'),
    details: doneDetailsSchema,
    milestone: described(milestoneSchema, 'The milestone it records once confirmed, as reported'),
    reportedBy: linkHolderView,
    reportedAt: z.string(),
    channel: z.literal('EMAIL_LINK'),
  })
  .register(z.globalRegistry, { id: 'PendingReport' });

export const agreementView = z
  .object({
    id: z.string(),
    title: z.string(),
    stage: stageSchema,
    stageEnteredOn: z.iso.date(),
    hostRegion: regionView,
    partnerRegion: regionView,
    apps: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        status: appStatus(),
        handedOverOn: z.optional(z.iso.date()),
        bastNumber: z.optional(z.string()),
        droppedReason: z.optional(z.string()),
        lastReportedOn: z.optional(z.iso.date()),
      }),
    ),
    contacts: z.array(contactSchema),
    milestones: described(
      z.array(
        z.intersection(
          milestoneSchema,
          z.object({ recordedAt: z.string(), recordedBy: z.string() }),
        ),
      ),
      'The latest milestone of each type, without notes, signatories and document numbers; ' +
        'the history holds every milestone in full',
    ),
    milestoneCounts: described(
      z.record(z.string(), int()),
      'Milestones recorded per type (per application for application milestones)',
    ),
    reminderPolicy: z.required(reminderPolicySchema),
    nextReminderDueAt: optional(
      z.string(),
      'When the next reminder of a pending step is due, if any',
    ),
    term: optional(termView, 'The term of the PKS (or KSB) in force, if one has a term'),
    remindersSent: described(z.record(z.string(), int()), 'Nudges sent so far, per wait'),
    dormant: described(
      z.array(z.string()),
      'The waits whose reminders ended unanswered (WAIT_DORMANT): no nudges until a milestone, ' +
        'a contact change or POST /agreements/{id}/nudges/resume wakes them',
    ),
    needsAttention: optional(
      z.object({ since: z.string(), error: z.string(), cause: z.string() }),
      'Set when the workflow failed on this agreement; operations were told',
    ),
    cancellation: z.optional(
      z.object({
        reason: z.string(),
        cancelledAt: z.string(),
        cancelledBy: described(z.string(), 'The coordinator’s Cognito subject'),
        cancelledByEmail: optional(z.string(), 'Their address, for display'),
      }),
    ),
    executionArn: optional(z.string(), 'The Step Functions execution driving it'),
    pendingReports: optional(
      z.array(pendingReportView),
      'Officials’ reports (through action links) waiting for a coordinator to confirm',
    ),
    pausedWaits: optional(
      z.record(
        z.string(),
        z.object({
          until: z.iso.date(),
          reason: z.string(),
          since: z.string(),
          by: z.object({ name: z.string(), email: z.string() }),
        }),
      ),
      'Waits whose reminders an official paused until a date, by wait key',
    ),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: int(),
  })
  .register(z.globalRegistry, { id: 'Agreement' });

export type AgreementView = z.infer<typeof agreementView>;

/** How an agreement waits in its current stage, against its reminder policy. */
export const waitingView = z
  .object({
    days: described(int(), 'Whole days since the current stage began'),
    remindersSent: described(
      int(),
      'Reminders sent in the current stage, its opening message not counted',
    ),
    stalled: described(
      z.boolean(),
      'Overdue against the reminder policy: at least one reminder was sent',
    ),
    escalated: described(
      z.boolean(),
      'The escalation to the escalation contacts went out in this stage',
    ),
  })
  .register(z.globalRegistry, { id: 'Waiting' });

/**
 * What a list returns per agreement: small and bounded (no contacts, milestones or free text
 * but the title), so a page of the largest agreements stays far below Lambda's 6 MB.
 */
export const agreementSummaryView = z
  .extend(
    z.pick(agreementView, {
      id: true,
      title: true,
      stage: true,
      stageEnteredOn: true,
      hostRegion: true,
      partnerRegion: true,
      nextReminderDueAt: true,
      dormant: true,
      term: true,
      executionArn: true,
      createdAt: true,
      updatedAt: true,
      version: true,
    }),
    {
      apps: z.array(
        z.pick(agreementView.shape.apps.def.element, { id: true, name: true, status: true }),
      ),
      needsAttention: optional(
        z.boolean(),
        'Present (true) when the workflow failed on this agreement',
      ),
      waiting: optional(
        waitingView,
        'How long and how overdue the current stage is; absent once COMPLETED or CANCELLED',
      ),
    },
  )
  .register(z.globalRegistry, { id: 'AgreementSummary' });

export type AgreementSummaryView = z.infer<typeof agreementSummaryView>;

export const historyItemView = z
  .object({
    version: int(),
    index: int(),
    type: z.string(),
    at: z.string(),
    actor: described(
      z.string(),
      'Who caused it: a coordinator’s Cognito subject, or `workflow` / `email-feedback`',
    ),
    actorEmail: optional(z.string(), 'The coordinator’s address when they caused it, for display'),
    data: z.record(z.string(), z.unknown()),
  })
  .register(z.globalRegistry, { id: 'HistoryEvent' });

export type HistoryItemView = z.infer<typeof historyItemView>;

export const pageOf = <T extends z.ZodMiniType>(item: T) =>
  z.object({
    items: z.array(item),
    nextCursor: optional(z.string(), 'Pass as `cursor` for the next page'),
  });

export const problemView = z
  .object({
    type: z.string(),
    title: z.string(),
    status: int(),
    detail: z.string(),
    instance: z.optional(z.string()),
    errors: z.optional(z.array(z.object({ field: z.string(), message: z.string() }))),
    code: z.optional(z.string()),
    details: z.optional(z.record(z.string(), z.unknown())),
    requestId: optional(
      z.string(),
      'API Gateway’s id of the request, in its own answers: quote it to support',
    ),
  })
  .register(z.globalRegistry, { id: 'Problem' });

/** GET /health's 503 in local mode: the parts behind the API that do not answer. */
export const healthProblemView = z
  .extend(problemView, {
    parts: z.array(
      z.object({
        name: described(z.string(), 'The part and its address, e.g. DynamoDB Local at http://...'),
        ready: z.literal(false),
        detail: optional(z.string(), 'Why it is not ready'),
      }),
    ),
  })
  .register(z.globalRegistry, { id: 'HealthProblem' });

/** GET /apps: the catalog entries as they are (test/contracts/openapi.test.ts checks they fit). */
export const applicationView = z
  .object({
    id: described(z.string(), 'What `apps[].id` of a new agreement refers to'),
    name: z.string(),
    category: z.string(),
    publicService: described(
      z.boolean(),
      'Serves citizens directly (some partners take only these)',
    ),
    description: described(
      z.object({ id: z.string(), en: z.string() }),
      'In Indonesian and English',
    ),
  })
  .register(z.globalRegistry, { id: 'Application' });

/** A whole list in one answer (GET /apps, GET /regions). */
export const listOf = <T extends z.ZodMiniType>(item: T) => z.object({ items: z.array(item) });

export const healthView = z
  .object({ status: z.literal('ok') })
  .register(z.globalRegistry, { id: 'Health' });

/** GET /reports/summary: the dashboard of the host, or of one partner region. */
export const reportSummaryView = z
  .object({
    generatedAt: z.string(),
    partnerRegion: optional(regionView, 'Present when the summary covers one partner region only'),
    stageCounts: described(
      z.array(z.object({ stage: stageSchema, count: int() })),
      'Agreements per stage: every stage, in the order of the lifecycle, zeros included',
    ),
    total: described(int(), 'All agreements of the scope, the sum of `stageCounts`'),
    stalled: described(
      z.array(agreementSummaryView),
      'Agreements overdue in their stage (reminders sent, perhaps escalated), longest waiting first',
    ),
    needsAttention: described(
      z.array(
        z.object({
          agreement: agreementSummaryView,
          since: described(z.string(), 'When the workflow failed'),
          error: z.string(),
        }),
      ),
      'Agreements the workflow failed on, longest waiting in their stage first',
    ),
    upcomingTrainings: described(
      z.array(
        z.object({
          agreement: agreementSummaryView,
          startsOn: z.iso.date(),
          endsOn: z.iso.date(),
          location: z.optional(z.string()),
        }),
      ),
      'Trainings scheduled from today on, soonest first',
    ),
    recentActivity: described(
      z.array(
        z
          .object({
            agreementId: z.string(),
            title: z.string(),
            partnerRegion: z.pick(regionView, { code: true, name: true }),
            type: described(z.string(), 'The history event type, e.g. MILESTONE_RECORDED'),
            at: z.string(),
            actor: z.string(),
            actorEmail: z.optional(z.string()),
            milestoneType: z.optional(z.string()),
            appId: z.optional(z.string()),
            fromStage: z.optional(stageSchema),
            toStage: z.optional(stageSchema),
            nudgeKind: z.optional(z.string()),
          })
          .register(z.globalRegistry, { id: 'Activity' }),
      ),
      'The latest history events of the scope, newest first (no workflow bookkeeping)',
    ),
    pendingReports: described(
      z.array(
        z.object({
          agreement: agreementSummaryView,
          count: described(int(), 'Reports waiting on this agreement'),
          since: described(z.string(), 'When the oldest of them came in'),
        }),
      ),
      'Agreements with officials’ reports (through action links) waiting for a coordinator to confirm or reject, oldest report first',
    ),
  })
  .register(z.globalRegistry, { id: 'ReportSummary' });

export type ReportSummaryView = z.infer<typeof reportSummaryView>;

/** GET /actions/{token}: what the page behind an action link shows. */
export const actionView = z
  .object({
    agreement: z.object({
      id: z.string(),
      title: z.string(),
      stage: stageSchema,
      hostRegion: z.object({ code: z.string(), name: z.string() }),
      partnerRegion: z.object({ code: z.string(), name: z.string() }),
      apps: z.array(z.object({ id: z.string(), name: z.string(), status: appStatus() })),
    }),
    awaited: described(
      z.object({
        waitKey: z.string(),
        route: described(
          z.string(),
          'What is awaited: MOU, PKS, HANDOVER, TRAINING_..., FOLLOW_UP',
        ),
        app: z.optional(z.object({ id: z.string(), name: z.string() })),
      }),
      'The step the link is about',
    ),
    answers: described(z.array(z.enum(ACTION_ANSWERS)), 'The answers this link allows'),
    holder: described(z.object({ name: z.string() }), 'Whom the link was sent to'),
    expiresAt: z.string(),
  })
  .register(z.globalRegistry, { id: 'Action' });

/** POST /actions/{token}: what the answer recorded; the link is spent. */
export const actionResultView = z
  .object({
    answer: z.enum(ACTION_ANSWERS),
    reportId: optional(z.string(), 'DONE: the report a coordinator confirms or rejects'),
    pause: optional(
      z.object({ until: z.iso.date(), reason: z.string() }),
      'OBSTACLE: reminders of this step pause until then',
    ),
  })
  .register(z.globalRegistry, { id: 'ActionResult' });
