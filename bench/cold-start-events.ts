// What each function gets for its cold start: an event that does the function's real work on
// the stand-ins (reads, writes, emails, Step Functions calls), and the agreements it needs,
// stored beforehand. A function that changes its agreement gets a fresh one per sample, so
// every sample does the same work.
import { randomUUID } from 'node:crypto';
import type { SNSEvent } from 'aws-lambda';
import { addDays, latestIndonesianDate } from '../domain/dates.ts';
import type { ActionLinkStore, AgreementRepository } from '../domain/ports.ts';
import type { MilestoneInput } from '../domain/schemas.ts';
import type { Nudge } from '../domain/nudge-plan.ts';
import { API_ROUTES, type ApiRoute } from '../functions/api/routes.ts';
import { HOST_COORDINATOR_EMAIL, PARTNER_OFFICIAL_EMAIL } from '../local/example-agreement.ts';
import { AGREEMENT_INPUT, executionArn, Seeds, taskToken, type Owned } from './cold-start-seeds.ts';
import { proxyEvent, type RouteRequest } from './overhead-fixtures.ts';

export { HOST_REGION_CODE } from './cold-start-seeds.ts';
const HOST_COORDINATOR = HOST_COORDINATOR_EMAIL;
const OFFICIAL = PARTNER_OFFICIAL_EMAIL;

export interface Fixtures {
  repository: AgreementRepository & ActionLinkStore;
  stateMachineArn: string;
  /** The variables each route's handler reads (a seed may call a route in this process). */
  environmentOf: (name: string) => Record<string, string>;
}

/** One function's invocation: what it is, and how to get the event of one sample. */
export interface Invocation {
  /** For the Markdown. */
  event: string;
  /** Stores what sample `sample` needs and returns its event. */
  prepare(sample: number): Promise<unknown>;
}

/** The invocations of every function, by name, with the agreement they share stored. */
export async function invocations(fixtures: Fixtures): Promise<Map<string, Invocation>> {
  const seeds = new Seeds(fixtures.repository, fixtures.environmentOf);
  const shared = await seeds.owned('bench-shared');
  const byName = new Map<string, Invocation>([
    ...taskInvocations(seeds, shared, fixtures.stateMachineArn),
    ['ses-feedback', sesFeedbackInvocation(seeds)],
  ]);
  const shares = new Shares(seeds, shared.agreement.id);
  for (const route of API_ROUTES) {
    byName.set(route.name, apiInvocation(route, apiRequest(route.name, seeds, shares)));
  }
  return byName;
}

function taskInvocations(
  seeds: Seeds,
  shared: Owned,
  stateMachineArn: string,
): [string, Invocation][] {
  return [
    [
      'enter-stage',
      {
        event: 'a new execution takes over a new agreement (MOU)',
        async prepare(sample) {
          const agreement = await seeds.created(`bench-enter-stage-${sample}`);
          return {
            agreementId: agreement.id,
            executionArn: executionArn(agreement.id),
            executionStartTime: new Date().toISOString(),
          };
        },
      },
    ],
    [
      'plan-wait',
      {
        event: 'plans the MOU wait of an agreement',
        prepare: () =>
          Promise.resolve({
            agreementId: shared.agreement.id,
            executionArn: shared.executionArn,
            waitKey: 'MOU',
          }),
      },
    ],
    [
      'await-milestone',
      {
        event: 'stores the task token of the MOU wait (its opening email sent)',
        async prepare(sample) {
          const { agreement, executionArn } = await seeds.nudged(`bench-await-milestone-${sample}`);
          return {
            agreementId: agreement.id,
            executionArn,
            waitKey: 'MOU',
            taskToken: taskToken(),
          };
        },
      },
    ],
    [
      'send-nudge',
      {
        event: 'sends the MOU action-needed email (SES stand-in)',
        async prepare(sample) {
          const { agreement, executionArn } = await seeds.owned(`bench-send-nudge-${sample}`);
          const nudge: Nudge = {
            waitKey: 'MOU',
            key: 'MOU',
            number: 1,
            kind: 'ACTION_NEEDED',
            dueAt: agreement.createdAt,
          };
          return { agreementId: agreement.id, executionArn, nudge };
        },
      },
    ],
    [
      'close-follow-up',
      {
        event: 'completes an agreement in follow-up',
        async prepare(sample) {
          const { agreement, executionArn } = await seeds.owned(
            `bench-close-follow-up-${sample}`,
            followUpMilestones(),
          );
          return { agreementId: agreement.id, executionArn };
        },
      },
    ],
    [
      'mark-needs-attention',
      {
        event: 'records a task failure and emails operations (SES stand-in)',
        async prepare(sample) {
          const { agreement, executionArn } = await seeds.owned(
            `bench-mark-needs-attention-${sample}`,
          );
          const failure = { Error: 'States.Timeout', Cause: 'Task timed out after 30 seconds' };
          return { agreementId: agreement.id, executionArn, failure };
        },
      },
    ],
    [
      'renew-execution',
      {
        event: 'starts the next execution (Step Functions stand-in)',
        async prepare(sample) {
          const { agreement, executionArn } = await seeds.owned(`bench-renew-execution-${sample}`);
          return { agreementId: agreement.id, executionArn, stateMachineArn };
        },
      },
    ],
  ];
}

function sesFeedbackInvocation(seeds: Seeds): Invocation {
  return {
    event: 'a permanent bounce: marks the address, alerts the host (SES stand-in)',
    async prepare(sample) {
      const agreement = await seeds.created(`bench-ses-feedback-${sample}`);
      return snsEvent(agreement.id, OFFICIAL);
    },
  };
}

/** Per route: the request of one sample, and what it does. */
interface ApiRequest {
  event: string;
  request: (sample: number) => Promise<RouteRequest>;
}

/**
 * Agreements of the reports' own: with a partner region (Kabupaten Bandung) and an MoU year
 * (2019) no other seed has, so that the export and the cycle times read the same pages in every
 * sample, however many agreements the other functions add meanwhile.
 */
const PAST = { partnerRegion: { code: '32.04' }, year: '2019', count: 10 };

/** What several samples may share, stored once, on first use. */
class Shares {
  readonly #seeds: Seeds;
  readonly #agreementId: string;
  #document?: Promise<{ agreementId: string; documentId: string }>;
  #link?: Promise<string>;
  #past?: Promise<void>;

  constructor(seeds: Seeds, agreementId: string) {
    this.#seeds = seeds;
    this.#agreementId = agreementId;
  }

  get agreementId(): string {
    return this.#agreementId;
  }

  /** An attached document of an agreement of its own (also the one the list finds). */
  document() {
    return (this.#document ??= this.#seeds
      .attached('bench-shared-document')
      .then(({ agreement, documentId }) => ({ agreementId: agreement.id, documentId })));
  }

  /** The PAST agreements, their MoU signed in its year. */
  past() {
    return (this.#past ??= (async () => {
      for (let i = 0; i < PAST.count; i++) {
        const signed = { type: 'MOU_SIGNED' as const, occurredAt: `${PAST.year}-03-1${String(i)}` };
        await this.#seeds.created(`bench-past-${String(i)}`, [signed], PAST.partnerRegion);
      }
    })());
  }

  link() {
    return (this.#link ??= this.#seeds.linked('bench-shared-link').then(({ token }) => token));
  }
}

function apiRequest(name: string, seeds: Seeds, shares: Shares): ApiRequest {
  const today = () => latestIndonesianDate(new Date());
  const same = (request: RouteRequest) => () => Promise.resolve(request);
  const shared = { params: { id: shares.agreementId } };
  /** Stores what one sample needs under its own id, and makes its request from it. */
  const perSample =
    <T>(seed: (id: string) => Promise<T>, request: (seeded: T) => RouteRequest) =>
    async (sample: number) =>
      request(await seed(`bench-${name}-${String(sample)}`));
  switch (name) {
    case 'create-agreement':
      return {
        event: 'registers an agreement and starts its workflow',
        request: same({ body: AGREEMENT_INPUT }),
      };
    case 'list-agreements':
      return { event: 'the first page of all agreements (host)', request: same({}) };
    case 'export-agreements':
      return {
        event: `the ${String(PAST.count)} agreements with ${PAST.partnerRegion.code} as a CSV file (host)`,
        request: async () => {
          await shares.past();
          return { query: { format: 'csv', partnerRegion: PAST.partnerRegion.code } };
        },
      };
    case 'get-agreement':
      return { event: 'one agreement (host)', request: same(shared) };
    case 'get-history':
      return { event: "one agreement's history (host)", request: same(shared) };
    case 'record-milestone':
      return {
        event: 'records the MOU signing and wakes the stored wait',
        request: perSample(seeds.waiting.bind(seeds), ({ id }) => ({
          params: { id },
          body: { type: 'MOU_SIGNED', occurredAt: today() },
        })),
      };
    case 'cancel-agreement':
      return {
        event: 'cancels an agreement and fails its stored wait',
        request: perSample(seeds.waiting.bind(seeds), ({ id }) => ({
          params: { id },
          body: { reason: 'The partner region withdrew' },
        })),
      };
    case 'get-report-summary':
      return { event: 'the dashboard (host)', request: same({}) };
    case 'cycle-times':
      return {
        event: `the cycle-time report of the ${String(PAST.count)} MoUs of ${PAST.year} (host)`,
        request: async () => {
          await shares.past();
          return { query: { from: `${PAST.year}-01-01`, to: `${PAST.year}-12-31` } };
        },
      };
    case 'resume-nudges':
      return {
        event: 'wakes the dormant MOU wait (its stored task token)',
        request: perSample(seeds.dormant.bind(seeds), ({ id }) => ({ params: { id } })),
      };
    case 'replace-contacts':
      return {
        event: 'replaces the contacts with a new partner official',
        request: perSample(seeds.waiting.bind(seeds), ({ id }) => ({
          params: { id },
          body: { contacts: newOfficial() },
        })),
      };
    case 'request-upload':
      return {
        event: 'announces a PDF and presigns its upload (S3 stand-in)',
        request: perSample(seeds.created.bind(seeds), ({ id }) => ({
          params: { id },
          body: {
            kind: 'MOU',
            fileName: 'mou.pdf',
            contentType: 'application/pdf',
            sizeBytes: 1024,
            sha256: 'ab'.repeat(32),
          },
        })),
      };
    case 'complete-upload':
      return {
        event: 'checks an uploaded PDF and attaches it (S3 stand-in)',
        request: perSample(seeds.uploaded.bind(seeds), ({ agreement, documentId }) => ({
          params: { id: agreement.id, documentId },
        })),
      };
    case 'list-documents':
      return {
        event: "an agreement's documents (one attached)",
        request: async () => ({ params: { id: (await shares.document()).agreementId } }),
      };
    case 'get-document':
      return {
        event: 'one document and its presigned download (S3 stand-in)',
        request: async () => {
          const { agreementId, documentId } = await shares.document();
          return { params: { id: agreementId, documentId } };
        },
      };
    case 'withdraw-document':
      return {
        event: 'withdraws an attached document',
        request: perSample(seeds.attached.bind(seeds), ({ agreement, documentId }) => ({
          params: { id: agreement.id, documentId },
          body: { reason: 'Signed by the wrong official' },
        })),
      };
    case 'get-action':
      return {
        event: "what an official's action link is about",
        request: async () => ({ params: { token: await shares.link() } }),
      };
    case 'answer-action':
      return {
        event: 'an official answers DONE: a report, the coordinators emailed (SES stand-in)',
        request: perSample(seeds.linked.bind(seeds), ({ token }) => ({
          params: { token },
          body: { answer: 'DONE', occurredAt: today() },
        })),
      };
    case 'confirm-report':
      return {
        event: "confirms an official's report: the MoU milestone, the wait woken",
        request: perSample(seeds.reported.bind(seeds), ({ agreement, reportId }) => ({
          params: { id: agreement.id, reportId },
          body: {},
        })),
      };
    case 'reject-report':
      return {
        event: "rejects an official's report",
        request: perSample(seeds.reported.bind(seeds), ({ agreement, reportId }) => ({
          params: { id: agreement.id, reportId },
          body: { reason: 'The MoU is not signed yet' },
        })),
      };
    case 'search-regions':
      return { event: 'regions matching "kubu"', request: same({ query: { q: 'kubu' } }) };
    case 'list-apps':
      return { event: 'the application catalog', request: same({}) };
    case 'get-openapi':
      return { event: 'the OpenAPI document', request: same({}) };
    case 'health':
      return { event: 'liveness', request: same({}) };
    default:
      throw new Error(`No cold-start request for route ${name}: add one here`);
  }
}

/** The example's contacts, the partner's official another person. */
function newOfficial() {
  return AGREEMENT_INPUT.contacts.map((contact) =>
    contact.role === 'OFFICIAL'
      ? {
          ...contact,
          name: 'Plt. Kepala Diskominfo Kabupaten Kubu Raya',
          email: 'plt.kadis@kuburaya.example.go.id',
        }
      : contact,
  );
}

function apiInvocation(route: ApiRoute, request: ApiRequest): Invocation {
  return {
    event: `${route.method} ${route.path}: ${request.event}`,
    async prepare(sample) {
      return proxyEvent(route, await request.request(sample));
    },
  };
}

/** Every milestone up to the follow-up: MoU, PKS, both handovers, the training. */
function followUpMilestones(): MilestoneInput[] {
  const today = latestIndonesianDate(new Date());
  const daysAgo = (days: number) => addDays(today, -days);
  return [
    { type: 'MOU_SIGNED', occurredAt: daysAgo(200) },
    { type: 'PKS_SIGNED', occurredAt: daysAgo(180) },
    ...AGREEMENT_INPUT.apps.map(({ id }): MilestoneInput => ({
      type: 'APP_HANDED_OVER',
      occurredAt: daysAgo(150),
      appId: id,
    })),
    {
      type: 'TRAINING_SCHEDULED',
      occurredAt: daysAgo(130),
      startsOn: daysAgo(100),
      endsOn: daysAgo(99),
    },
    { type: 'TRAINING_COMPLETED', occurredAt: daysAgo(99) },
  ];
}

/** A permanent bounce of `email` as SES event publishing delivers it through SNS. */
function snsEvent(agreementId: string, email: string): SNSEvent {
  const at = new Date().toISOString();
  const topicArn = 'arn:aws:sns:ap-southeast-3:000000000000:sepakat-email-feedback';
  const messageId = `0107019${randomUUID().replaceAll('-', '')}-000000`;
  const message = {
    eventType: 'Bounce',
    bounce: {
      feedbackId: `0107019${randomUUID().replaceAll('-', '')}-000000`,
      bounceType: 'Permanent',
      bounceSubType: 'General',
      bouncedRecipients: [
        {
          emailAddress: email,
          action: 'failed',
          status: '5.1.1',
          diagnosticCode: `smtp; 550 5.1.1 <${email}>: Recipient address rejected: User unknown`,
        },
      ],
      timestamp: at,
      reportingMTA: 'dns; a8-30.smtp-out.amazonses.com',
    },
    mail: {
      timestamp: at,
      source: 'sepakat@bandung.example.go.id',
      messageId,
      destination: [email, HOST_COORDINATOR],
      tags: { 'ses:configuration-set': ['sepakat-email'], agreement: [agreementId] },
    },
  };
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: `${topicArn}:${randomUUID()}`,
        Sns: {
          Type: 'Notification',
          MessageId: randomUUID(),
          TopicArn: topicArn,
          Subject: 'Amazon SES Email Event Notification',
          Message: JSON.stringify(message),
          Timestamp: at,
          SignatureVersion: '1',
          Signature: 'EXAMPLE',
          SigningCertUrl: 'https://sns.ap-southeast-3.amazonaws.com/cert.pem',
          UnsubscribeUrl: 'https://sns.ap-southeast-3.amazonaws.com/?Action=Unsubscribe',
          MessageAttributes: {},
        },
      },
    ],
  };
}
