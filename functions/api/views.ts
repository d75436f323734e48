// What the API returns, as zod schemas: the OpenAPI document is generated from them, and the
// mapping functions are type-checked against them, so the two cannot drift apart.
import * as z from 'zod';
import type { Agreement, AuditEvent } from '../../domain/agreement.ts';
import { nextNudgeDue } from '../../domain/nudge-plan.ts';
import { waitingOf } from '../../domain/reports.ts';
import { expiryNoticeDaysOf, termOf } from '../../domain/term.ts';
import { ACTION_ANSWERS, doneDetailsSchema } from '../../domain/action-schemas.ts';
import {
  contactSchema,
  milestoneSchema,
  reminderPolicySchema,
  stageSchema,
  TERM_STATUSES,
} from '../../domain/schemas.ts';

export const regionView = z
  .object({
    code: z.string().describe('Kemendagri code: "32" for a province, "32.73" for a regency/city'),
    name: z.string(),
    type: z.enum(['PROVINSI', 'KABUPATEN', 'KOTA']),
    provinceCode: z.string(),
    provinceName: z.string(),
    timeZone: z.string().describe('IANA time zone, such as Asia/Jakarta'),
    timeZoneLabel: z.string().describe('WIB, WITA or WIT'),
  })
  .meta({ id: 'Region' });

export const termView = z
  .object({
    validUntil: z.iso.date().describe('The last day the document is in force'),
    document: z.enum(['PKS', 'MOU']).describe('The PKS in force, or before it the KSB (MoU)'),
    status: z
      .enum(TERM_STATUSES)
      .describe(
        'EXPIRING inside the first expiry-notice window; computed from the dates and today',
      ),
    daysLeft: z.int().describe('Days from today (the partner’s date) to validUntil; 0 once over'),
    maxTermAssumed: z
      .literal(true)
      .optional()
      .describe('The PKS named no end: it runs the legal maximum (5 years) from its signing'),
  })
  .meta({ id: 'Term' });

const linkHolderView = z.object({
  name: z.string(),
  email: z.string(),
  side: z.enum(['HOST', 'PARTNER']),
  role: z.enum(['COORDINATOR', 'OFFICIAL', 'ESCALATION']),
});

export const pendingReportView = z
  .object({
    id: z.string().describe('The `reportId` of the confirm and reject routes'),
    waitKey: z.string().describe('The wait it answers, e.g. `PKS` or `HANDOVER#e-rk`'),
    details: doneDetailsSchema,
    milestone: milestoneSchema.describe('The milestone it records once confirmed, as reported'),
    reportedBy: linkHolderView,
    reportedAt: z.string(),
    channel: z.literal('EMAIL_LINK'),
  })
  .meta({ id: 'PendingReport' });

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
        status: z.enum(['PENDING', 'HANDED_OVER', 'DROPPED', 'LIVE', 'NOT_LIVE']),
        handedOverOn: z.iso.date().optional(),
        bastNumber: z.string().optional(),
        droppedReason: z.string().optional(),
        lastReportedOn: z.iso.date().optional(),
      }),
    ),
    contacts: z.array(contactSchema),
    milestones: z
      .array(
        z.intersection(
          milestoneSchema,
          z.object({ recordedAt: z.string(), recordedBy: z.string() }),
        ),
      )
      .describe(
        'The latest milestone of each type, without notes, signatories and document numbers; ' +
          'the history holds every milestone in full',
      ),
    milestoneCounts: z
      .record(z.string(), z.int())
      .describe('Milestones recorded per type (per application for application milestones)'),
    reminderPolicy: reminderPolicySchema.required(),
    nextReminderDueAt: z
      .string()
      .optional()
      .describe('When the next reminder of a pending step is due, if any'),
    term: termView.optional().describe('The term of the PKS (or KSB) in force, if one has a term'),
    remindersSent: z.record(z.string(), z.int()).describe('Nudges sent so far, per wait'),
    dormant: z
      .array(z.string())
      .describe(
        'The waits whose reminders ended unanswered (WAIT_DORMANT): no nudges until a milestone, ' +
          'a contact change or POST /agreements/{id}/nudges/resume wakes them',
      ),
    needsAttention: z
      .object({ since: z.string(), error: z.string(), cause: z.string() })
      .optional()
      .describe('Set when the workflow failed on this agreement; operations were told'),
    cancellation: z
      .object({
        reason: z.string(),
        cancelledAt: z.string(),
        cancelledBy: z.string().describe('The coordinator’s Cognito subject'),
        cancelledByEmail: z.string().optional().describe('Their address, for display'),
      })
      .optional(),
    executionArn: z.string().optional().describe('The Step Functions execution driving it'),
    pendingReports: z
      .array(pendingReportView)
      .optional()
      .describe('Officials’ reports (through action links) waiting for a coordinator to confirm'),
    pausedWaits: z
      .record(
        z.string(),
        z.object({
          until: z.iso.date(),
          reason: z.string(),
          since: z.string(),
          by: z.object({ name: z.string(), email: z.string() }),
        }),
      )
      .optional()
      .describe('Waits whose reminders an official paused until a date, by wait key'),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.int(),
  })
  .meta({ id: 'Agreement' });

export type AgreementView = z.infer<typeof agreementView>;

export function viewOf(agreement: Agreement, now: Date): AgreementView {
  const due = nextNudgeDue(agreement, now);
  const term = termOf(agreement, now);
  return {
    id: agreement.id,
    title: agreement.title,
    stage: agreement.stage,
    stageEnteredOn: agreement.stageEnteredOn,
    hostRegion: agreement.hostRegion,
    partnerRegion: agreement.partnerRegion,
    apps: agreement.apps,
    contacts: agreement.contacts,
    milestones: agreement.milestones,
    milestoneCounts: agreement.milestoneCounts,
    reminderPolicy: {
      ...agreement.reminderPolicy,
      expiryNoticeDays: expiryNoticeDaysOf(agreement.reminderPolicy),
    },
    ...(term ? { term } : {}),
    ...(due ? { nextReminderDueAt: due } : {}),
    remindersSent: Object.fromEntries(
      Object.entries(agreement.nudges).map(([key, state]) => [key, state.sent]),
    ),
    dormant: agreement.dormant ?? [],
    ...(agreement.needsAttention
      ? {
          needsAttention: {
            since: agreement.needsAttention.since,
            error: agreement.needsAttention.error,
            cause: agreement.needsAttention.cause,
          },
        }
      : {}),
    ...(agreement.cancellation ? { cancellation: agreement.cancellation } : {}),
    ...(agreement.workflow ? { executionArn: agreement.workflow.executionArn } : {}),
    ...(agreement.reports?.length ? { pendingReports: agreement.reports } : {}),
    ...(agreement.pauses && Object.keys(agreement.pauses).length > 0
      ? { pausedWaits: agreement.pauses }
      : {}),
    createdAt: agreement.createdAt,
    updatedAt: agreement.updatedAt,
    version: agreement.version,
  };
}

/** How an agreement waits in its current stage, against its reminder policy. */
export const waitingView = z
  .object({
    days: z.int().describe('Whole days since the current stage began'),
    remindersSent: z
      .int()
      .describe('Reminders sent in the current stage, its opening message not counted'),
    stalled: z
      .boolean()
      .describe('Overdue against the reminder policy: at least one reminder was sent'),
    escalated: z
      .boolean()
      .describe('The escalation to the escalation contacts went out in this stage'),
  })
  .meta({ id: 'Waiting' });

/**
 * What a list returns per agreement: small and bounded (no contacts, milestones or free text
 * but the title), so a page of the largest agreements stays far below Lambda's 6 MB.
 */
export const agreementSummaryView = agreementView
  .pick({
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
  })
  .extend({
    apps: z.array(agreementView.shape.apps.element.pick({ id: true, name: true, status: true })),
    needsAttention: z
      .boolean()
      .optional()
      .describe('Present (true) when the workflow failed on this agreement'),
    waiting: waitingView
      .optional()
      .describe(
        'How long and how overdue the current stage is; absent once COMPLETED or CANCELLED',
      ),
  })
  .meta({ id: 'AgreementSummary' });

export function summaryViewOf(
  agreement: Agreement,
  now: Date,
): z.infer<typeof agreementSummaryView> {
  const { id, title, stage, stageEnteredOn, hostRegion, partnerRegion, createdAt } = agreement;
  const { nextReminderDueAt, term, executionArn, updatedAt, version } = viewOf(agreement, now);
  const waiting = waitingOf(agreement, now);
  return {
    id,
    title,
    stage,
    stageEnteredOn,
    hostRegion,
    partnerRegion,
    apps: agreement.apps.map((a) => ({ id: a.id, name: a.name, status: a.status })),
    ...(nextReminderDueAt ? { nextReminderDueAt } : {}),
    dormant: agreement.dormant ?? [],
    ...(term ? { term } : {}),
    ...(agreement.needsAttention ? { needsAttention: true } : {}),
    ...(waiting ? { waiting } : {}),
    ...(executionArn ? { executionArn } : {}),
    createdAt,
    updatedAt,
    version,
  };
}

export const historyItemView = z
  .object({
    version: z.int(),
    index: z.int(),
    type: z.string(),
    at: z.string(),
    actor: z
      .string()
      .describe('Who caused it: a coordinator’s Cognito subject, or `workflow` / `email-feedback`'),
    actorEmail: z
      .string()
      .optional()
      .describe('The coordinator’s address when they caused it, for display'),
    data: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'HistoryEvent' });

export function historyItemOf(event: AuditEvent): z.infer<typeof historyItemView> {
  return {
    version: event.version,
    index: event.index,
    type: event.type,
    at: event.at,
    actor: event.actor,
    ...(event.actorEmail ? { actorEmail: event.actorEmail } : {}),
    data: event.data,
  };
}

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    nextCursor: z.string().optional().describe('Pass as `cursor` for the next page'),
  });

export const problemView = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.int(),
    detail: z.string(),
    instance: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
    code: z.string().optional(),
    details: z.record(z.string(), z.unknown()).optional(),
    requestId: z
      .string()
      .optional()
      .describe('API Gateway’s id of the request, in its own answers: quote it to support'),
  })
  .meta({ id: 'Problem' });

/** GET /health's 503 in local mode: the parts behind the API that do not answer. */
export const healthProblemView = problemView
  .extend({
    parts: z.array(
      z.object({
        name: z.string().describe('The part and its address, e.g. DynamoDB Local at http://...'),
        ready: z.literal(false),
        detail: z.string().optional().describe('Why it is not ready'),
      }),
    ),
  })
  .meta({ id: 'HealthProblem' });

/** GET /apps: the catalog entries as they are (test/contracts/openapi.test.ts checks they fit). */
export const applicationView = z
  .object({
    id: z.string().describe('What `apps[].id` of a new agreement refers to'),
    name: z.string(),
    category: z.string(),
    publicService: z.boolean().describe('Serves citizens directly (some partners take only these)'),
    description: z.object({ id: z.string(), en: z.string() }).describe('In Indonesian and English'),
  })
  .meta({ id: 'Application' });

/** A whole list in one answer (GET /apps, GET /regions). */
export const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

export const healthView = z.object({ status: z.literal('ok') }).meta({ id: 'Health' });

/** GET /reports/summary: the dashboard of the host, or of one partner region. */
export const reportSummaryView = z
  .object({
    generatedAt: z.string(),
    partnerRegion: regionView
      .optional()
      .describe('Present when the summary covers one partner region only'),
    stageCounts: z
      .array(z.object({ stage: stageSchema, count: z.int() }))
      .describe('Agreements per stage: every stage, in the order of the lifecycle, zeros included'),
    total: z.int().describe('All agreements of the scope, the sum of `stageCounts`'),
    stalled: z
      .array(agreementSummaryView)
      .describe(
        'Agreements overdue in their stage (reminders sent, perhaps escalated), longest waiting first',
      ),
    needsAttention: z
      .array(
        z.object({
          agreement: agreementSummaryView,
          since: z.string().describe('When the workflow failed'),
          error: z.string(),
        }),
      )
      .describe('Agreements the workflow failed on, longest waiting in their stage first'),
    upcomingTrainings: z
      .array(
        z.object({
          agreement: agreementSummaryView,
          startsOn: z.iso.date(),
          endsOn: z.iso.date(),
          location: z.string().optional(),
        }),
      )
      .describe('Trainings scheduled from today on, soonest first'),
    recentActivity: z
      .array(
        z
          .object({
            agreementId: z.string(),
            title: z.string(),
            partnerRegion: regionView.pick({ code: true, name: true }),
            type: z.string().describe('The history event type, e.g. MILESTONE_RECORDED'),
            at: z.string(),
            actor: z.string(),
            actorEmail: z.string().optional(),
            milestoneType: z.string().optional(),
            appId: z.string().optional(),
            fromStage: stageSchema.optional(),
            toStage: stageSchema.optional(),
            nudgeKind: z.string().optional(),
          })
          .meta({ id: 'Activity' }),
      )
      .describe('The latest history events of the scope, newest first (no workflow bookkeeping)'),
    pendingReports: z
      .array(
        z.object({
          agreement: agreementSummaryView,
          count: z.int().describe('Reports waiting on this agreement'),
          since: z.string().describe('When the oldest of them came in'),
        }),
      )
      .describe(
        'Agreements with officials’ reports (through action links) waiting for a coordinator to confirm or reject, oldest report first',
      ),
  })
  .meta({ id: 'ReportSummary' });

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
      apps: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          status: z.enum(['PENDING', 'HANDED_OVER', 'DROPPED', 'LIVE', 'NOT_LIVE']),
        }),
      ),
    }),
    awaited: z
      .object({
        waitKey: z.string(),
        route: z.string().describe('What is awaited: MOU, PKS, HANDOVER, TRAINING_..., FOLLOW_UP'),
        app: z.object({ id: z.string(), name: z.string() }).optional(),
      })
      .describe('The step the link is about'),
    answers: z.array(z.enum(ACTION_ANSWERS)).describe('The answers this link allows'),
    holder: z.object({ name: z.string() }).describe('Whom the link was sent to'),
    expiresAt: z.string(),
  })
  .meta({ id: 'Action' });

/** POST /actions/{token}: what the answer recorded; the link is spent. */
export const actionResultView = z
  .object({
    answer: z.enum(ACTION_ANSWERS),
    reportId: z.string().optional().describe('DONE: the report a coordinator confirms or rejects'),
    pause: z
      .object({ until: z.iso.date(), reason: z.string() })
      .optional()
      .describe('OBSTACLE: reminders of this step pause until then'),
  })
  .meta({ id: 'ActionResult' });
