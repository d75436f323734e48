// What each function gets for its cold start: an event that does the function's real work on
// the stand-ins (reads, writes, emails, Step Functions calls), and the agreements it needs,
// stored beforehand. A function that changes its agreement gets a fresh one per sample, so
// every sample does the same work.
import { randomUUID } from 'node:crypto';
import type { SNSEvent } from 'aws-lambda';
import type { Agreement } from '../domain/agreement.ts';
import { addDays, latestIndonesianDate } from '../domain/dates.ts';
import { createAgreement } from '../domain/lifecycle.ts';
import type { AgreementRepository } from '../domain/ports.ts';
import {
  createAgreementSchema,
  type CreateAgreementInput,
  type MilestoneInput,
} from '../domain/schemas.ts';
import { attachWorkflow } from '../domain/execution.ts';
import type { Nudge } from '../domain/nudge-plan.ts';
import { GROUPS, GROUPS_CLAIM, REGION_CLAIM } from '../functions/api/principal.ts';
import { API_ROUTES, type ApiRoute } from '../functions/api/routes.ts';
import {
  HOST_COORDINATOR_EMAIL,
  KUBU_RAYA_AGREEMENT,
  PARTNER_OFFICIAL_EMAIL,
} from '../local/example-agreement.ts';

export const HOST_REGION_CODE = '32.73';
const HOST_COORDINATOR = HOST_COORDINATOR_EMAIL;
const OFFICIAL = PARTNER_OFFICIAL_EMAIL;

const AGREEMENT_INPUT = KUBU_RAYA_AGREEMENT;

export interface Fixtures {
  repository: AgreementRepository;
  stateMachineArn: string;
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
  const seeds = new Seeds(fixtures);
  const shared = await seeds.owned('bench-shared');
  const byName = new Map<string, Invocation>([
    ...taskInvocations(seeds, shared, fixtures.stateMachineArn),
    ['ses-feedback', sesFeedbackInvocation(seeds)],
  ]);
  for (const route of API_ROUTES) {
    byName.set(route.name, apiInvocation(route, seeds, shared.agreement.id));
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
        event: 'stores the task token of the MOU wait',
        async prepare(sample) {
          const { agreement, executionArn } = await seeds.owned(`bench-await-milestone-${sample}`);
          return { agreementId: agreement.id, executionArn, waitKey: 'MOU', taskToken: token() };
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

/** Per route: the request of one sample, on top of what the route says (method, path, auth). */
interface ApiRequest {
  event: string;
  /** The agreement of `{id}`, when the path has one. */
  id?: (sample: number) => Promise<string>;
  query?: Record<string, string>;
  body?: unknown;
}

function apiRequest(route: ApiRoute, seeds: Seeds, sharedId: string): ApiRequest {
  const today = () => latestIndonesianDate(new Date());
  const shared = () => Promise.resolve(sharedId);
  /** An agreement whose workflow waits for the MOU with a stored task token. */
  const waiting = async (sample: number) =>
    (await seeds.waiting(`bench-${route.name}-${sample}`)).id;
  switch (route.name) {
    case 'create-agreement':
      return { event: 'registers an agreement and starts its workflow', body: AGREEMENT_INPUT };
    case 'list-agreements':
      return { event: 'the first page of all agreements (host)' };
    case 'get-agreement':
      return { event: 'one agreement (host)', id: shared };
    case 'get-history':
      return { event: "one agreement's history (host)", id: shared };
    case 'record-milestone':
      return {
        event: 'records the MOU signing and wakes the stored wait',
        id: waiting,
        body: { type: 'MOU_SIGNED', occurredAt: today() },
      };
    case 'cancel-agreement':
      return {
        event: 'cancels an agreement and fails its stored wait',
        id: waiting,
        body: { reason: 'The partner region withdrew' },
      };
    case 'search-regions':
      return { event: 'regions matching "kubu"', query: { q: 'kubu' } };
    case 'list-apps':
      return { event: 'the application catalog' };
    case 'get-openapi':
      return { event: 'the OpenAPI document' };
    case 'health':
      return { event: 'liveness' };
    default:
      throw new Error(`No cold-start request for route ${route.name}: add one here`);
  }
}

/** The API Gateway (REST, proxy) event, with Cognito claims, as local/api/server.ts builds it. */
function apiInvocation(route: ApiRoute, seeds: Seeds, sharedId: string): Invocation {
  const request = apiRequest(route, seeds, sharedId);
  return {
    event: `${route.method} ${route.path}: ${request.event}`,
    async prepare(sample) {
      const id = request.id ? await request.id(sample) : undefined;
      const path = id === undefined ? route.path : route.path.replace('{id}', id);
      const body = request.body === undefined ? null : JSON.stringify(request.body);
      const claims = {
        sub: randomUUID(),
        email: HOST_COORDINATOR,
        [GROUPS_CLAIM]: GROUPS.HOST_COORDINATOR,
        [REGION_CLAIM]: HOST_REGION_CODE,
      };
      return {
        resource: route.path,
        path,
        httpMethod: route.method,
        headers: {
          host: 'api.sepakat.example.go.id',
          'user-agent': 'sepakat-bench',
          ...(body === null ? {} : { 'content-type': 'application/json' }),
        },
        multiValueHeaders: {},
        queryStringParameters: request.query ?? null,
        multiValueQueryStringParameters: null,
        pathParameters: id === undefined ? null : { id },
        stageVariables: null,
        body,
        isBase64Encoded: false,
        requestContext: {
          requestId: randomUUID(),
          resourcePath: route.path,
          httpMethod: route.method,
          path,
          stage: 'bench',
          ...(route.auth ? { authorizer: { claims } } : {}),
        },
      };
    },
  };
}

interface Owned {
  agreement: Agreement;
  executionArn: string;
}

/** Stores agreements as the app would have them: created, then driven by an execution. */
class Seeds {
  readonly #repository: AgreementRepository;

  constructor(fixtures: Fixtures) {
    this.#repository = fixtures.repository;
  }

  async created(id: string, milestones: MilestoneInput[] = []): Promise<Agreement> {
    const input: CreateAgreementInput = createAgreementSchema.parse({
      ...AGREEMENT_INPUT,
      milestones,
    });
    const outcome = createAgreement(input, {
      now: new Date(),
      actor: HOST_COORDINATOR,
      id,
      defaultHostRegionCode: HOST_REGION_CODE,
    });
    if (!outcome.ok) throw new Error(`Seed ${id} refused: ${outcome.rejection.message}`);
    await this.#repository.create(outcome.agreement, outcome.events);
    return outcome.agreement;
  }

  /** Created, then taken over by an execution (what enter-stage does). */
  async owned(id: string, milestones: MilestoneInput[] = []): Promise<Owned> {
    const created = await this.created(id, milestones);
    const now = new Date();
    const arn = executionArn(id);
    const change = attachWorkflow(
      created,
      { executionArn: arn, executionStartTime: now.toISOString() },
      now,
    );
    if (change === undefined || change === 'superseded') {
      throw new Error(`Seed ${id}: no workflow attached`);
    }
    await this.#repository.update(change.agreement, change.events);
    return { agreement: change.agreement, executionArn: arn };
  }

  /** Owned, with the task token of its MOU wait stored (what await-milestone does). */
  async waiting(id: string): Promise<Agreement> {
    const { agreement, executionArn } = await this.owned(id);
    const now = new Date().toISOString();
    await this.#repository.putTaskToken({
      agreementId: id,
      waitKey: 'MOU',
      token: token(),
      executionArn,
      executionStartedAt: agreement.workflow?.executionStartTime ?? now,
      storedAt: now,
    });
    return agreement;
  }
}

function executionArn(agreementId: string): string {
  return `arn:aws:states:ap-southeast-3:000000000000:execution:sepakat-lifecycle:${agreementId}-start`;
}

/** A task token as Step Functions hands them out: long and opaque. */
function token(): string {
  return Buffer.from(`${randomUUID()}${randomUUID()}`.repeat(8)).toString('base64');
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
