// What the cold starts' events need stored beforehand: agreements as the app would have them
// (created, taken over by an execution, waiting with a task token, dormant), action links, and
// what only a route makes (a document's upload, an official's report), made by calling that
// route's own handler in this process against the stand-ins.
import { createHash, randomUUID } from 'node:crypto';
import { hashActionToken, newActionToken } from '../application/action-links.ts';
import { linkFor } from '../domain/action-links.ts';
import { nextVersion, type Agreement } from '../domain/agreement.ts';
import { markDormant } from '../domain/dormancy.ts';
import { recordNudgeSent } from '../domain/nudge-ledger.ts';
import type { Nudge } from '../domain/nudge-plan.ts';
import { attachWorkflow } from '../domain/execution.ts';
import { createAgreement } from '../domain/lifecycle.ts';
import type { ActionLinkStore, AgreementRepository } from '../domain/ports.ts';
import {
  createAgreementSchema,
  type CreateAgreementInput,
  type MilestoneInput,
} from '../domain/schemas.ts';
import type { ApiHandler } from '../functions/api/http.ts';
import { API_ROUTES } from '../functions/api/routes.ts';
import { HOST_COORDINATOR_EMAIL, KUBU_RAYA_AGREEMENT } from '../local/example-agreement.ts';
import { lambdaContext } from '../local/stepfunctions/lifecycle.ts';
import { proxyEvent, type RouteRequest } from './overhead-fixtures.ts';

export const HOST_REGION_CODE = '32.73';
export const AGREEMENT_INPUT = KUBU_RAYA_AGREEMENT;

export interface Owned {
  agreement: Agreement;
  executionArn: string;
}

/** A document's file: a minimal PDF, so that the upload's check (first bytes, hash) passes. */
const PDF = Buffer.from('%PDF-1.4\n% Sepakat bench\n%%EOF\n');

/** Stores agreements as the app would have them, and what routes make from them. */
export class Seeds {
  readonly #repository: AgreementRepository & ActionLinkStore;
  /** The variables each route's handler reads, as its function gets them. */
  readonly #environmentOf: (name: string) => Record<string, string>;
  readonly #handlers = new Map<string, ApiHandler>();

  constructor(
    repository: AgreementRepository & ActionLinkStore,
    environmentOf: (name: string) => Record<string, string>,
  ) {
    this.#repository = repository;
    this.#environmentOf = environmentOf;
  }

  async created(
    id: string,
    milestones: MilestoneInput[] = [],
    partnerRegion: { code: string } = AGREEMENT_INPUT.partnerRegion,
  ): Promise<Agreement> {
    const input: CreateAgreementInput = createAgreementSchema.parse({
      ...AGREEMENT_INPUT,
      partnerRegion,
      milestones,
    });
    const outcome = createAgreement(input, {
      now: new Date(),
      actor: HOST_COORDINATOR_EMAIL,
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

  /**
   * Owned, the MOU's opening email sent: nothing is due on its wait for days, at any hour. (A
   * wait opened just now has its opening email due in office hours, and a function that plans
   * it would act differently by the time of day the bench runs.)
   */
  async nudged(id: string): Promise<Owned> {
    const { agreement, executionArn } = await this.owned(id);
    const opening: Nudge = {
      waitKey: 'MOU',
      key: 'MOU',
      number: 1,
      kind: 'ACTION_NEEDED',
      dueAt: agreement.createdAt,
    };
    const recipients = agreement.contacts.map((contact) => contact.email);
    const change = recordNudgeSent(agreement, opening, { recipients }, new Date());
    await this.#repository.update(change.agreement, change.events);
    return { agreement: change.agreement, executionArn };
  }

  /** Owned, with the task token of its MOU wait stored (what await-milestone does). */
  async waiting(id: string): Promise<Agreement> {
    const { agreement, executionArn } = await this.owned(id);
    const now = new Date().toISOString();
    await this.#repository.putTaskToken({
      agreementId: id,
      waitKey: 'MOU',
      token: taskToken(),
      executionArn,
      executionStartedAt: agreement.workflow?.executionStartTime ?? now,
      storedAt: now,
    });
    return agreement;
  }

  /** Waiting, its MOU wait dormant (the ladder ended unanswered). */
  async dormant(id: string): Promise<Agreement> {
    const agreement = await this.waiting(id);
    const changed = nextVersion(markDormant(agreement, 'MOU'), new Date());
    await this.#repository.update(changed, []);
    return changed;
  }

  /** Waiting, with an action link of the MOU's first nudge for its partner official. */
  async linked(id: string): Promise<{ agreement: Agreement; token: string }> {
    const agreement = await this.waiting(id);
    const official = agreement.contacts.find((c) => c.role === 'OFFICIAL');
    if (!official) throw new Error(`Seed ${id}: no official`);
    const token = newActionToken();
    const hash = hashActionToken(token);
    await this.#repository.putActionLinks([
      linkFor(agreement, { waitKey: 'MOU', key: 'MOU', number: 1 }, official, hash, new Date(), 30),
    ]);
    return { agreement, token };
  }

  /** Linked, and the official answered DONE through the link: the report to confirm. */
  async reported(id: string): Promise<{ agreement: Agreement; reportId: string }> {
    const { agreement, token } = await this.linked(id);
    const answer = await this.call('answer-action', {
      params: { token },
      body: { answer: 'DONE', occurredAt: agreement.createdAt.slice(0, 10) },
    });
    return { agreement, reportId: String(answer.reportId) };
  }

  /** An agreement with a document whose file is uploaded, not yet checked. */
  async uploaded(id: string): Promise<{ agreement: Agreement; documentId: string }> {
    const agreement = await this.created(id);
    const upload = await this.call('request-upload', {
      params: { id },
      body: {
        kind: 'MOU',
        fileName: 'mou.pdf',
        contentType: 'application/pdf',
        sizeBytes: PDF.length,
        sha256: createHash('sha256').update(PDF).digest('hex'),
      },
    });
    const { url, headers } = upload.upload as { url: string; headers: Record<string, string> };
    const put = await fetch(url, { method: 'PUT', headers, body: PDF });
    if (!put.ok) throw new Error(`Seed ${id}: the upload answered ${String(put.status)}`);
    return { agreement, documentId: String(upload.documentId) };
  }

  /** Uploaded, and the upload checked: an attached document. */
  async attached(id: string): Promise<{ agreement: Agreement; documentId: string }> {
    const uploaded = await this.uploaded(id);
    await this.call('complete-upload', { params: { id, documentId: uploaded.documentId } });
    return uploaded;
  }

  /** Calls a route's handler in this process; anything but a 2xx answer stops the bench. */
  async call(name: string, request: RouteRequest): Promise<Record<string, unknown>> {
    const route = API_ROUTES.find((r) => r.name === name);
    if (!route) throw new Error(`No route ${name}`);
    let handler = this.#handlers.get(name);
    if (!handler) {
      handler = (await route.load()).createHandler(this.#environmentOf(name));
      this.#handlers.set(name, handler);
    }
    const arn = `arn:aws:lambda:ap-southeast-3:000000000000:function:sepakat-${name}`;
    const answer = await handler(proxyEvent(route, request), lambdaContext(name, arn));
    if (answer.statusCode >= 300) {
      throw new Error(`Seed call ${name} answered ${String(answer.statusCode)}: ${answer.body}`);
    }
    return JSON.parse(answer.body) as Record<string, unknown>;
  }
}

export function executionArn(agreementId: string): string {
  return `arn:aws:states:ap-southeast-3:000000000000:execution:sepakat-lifecycle:${agreementId}-start`;
}

/** A task token as Step Functions hands them out: long and opaque. */
export function taskToken(): string {
  return Buffer.from(`${randomUUID()}${randomUUID()}`.repeat(8)).toString('base64');
}
