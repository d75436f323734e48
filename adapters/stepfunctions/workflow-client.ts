import {
  ExecutionAlreadyExists,
  InvalidToken,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  TaskDoesNotExist,
  TaskTimedOut,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import type { Agreement } from '../../domain/agreement.ts';
import { clientOf, type ClientSource } from '../client-source.ts';
import type { TaskTokenStore, WaitCompletion, WakeReport, Workflow } from '../../domain/ports.ts';

export interface StepFunctionsWorkflowProps {
  client: ClientSource<SFNClient>;
  /** Where the waits' callback tokens are: the only storage the workflow client needs. */
  taskTokens: TaskTokenStore;
  stateMachineArn: string;
  /** For unique names of resumed and renewed executions. */
  now?: () => Date;
}

export const CANCELLED_ERROR = 'Sepakat.AgreementCancelled';
/** How often a wait whose token keeps being replaced is retried with the newer token. */
const MAX_TOKEN_ATTEMPTS = 3;

/** The lifecycle state machine, driven through the Step Functions API. */
export class StepFunctionsWorkflow implements Workflow {
  readonly #client: () => SFNClient;
  readonly #taskTokens: TaskTokenStore;
  readonly #stateMachineArn: string;
  readonly #now: () => Date;

  constructor(props: StepFunctionsWorkflowProps) {
    this.#client = clientOf(props.client);
    this.#taskTokens = props.taskTokens;
    this.#stateMachineArn = props.stateMachineArn;
    this.#now = props.now ?? (() => new Date());
  }

  async start(
    agreement: Agreement,
    reason: 'created' | 'resumed' | 'renewed',
  ): Promise<{ executionArn: string }> {
    const name = executionName(agreement, this.#suffix(agreement, reason));
    // A retried start with the same name and input returns the running execution (AWS semantics);
    // once that execution has ended, AWS refuses the name: it was started, which is what counts.
    try {
      const { executionArn } = await this.#client().send(
        new StartExecutionCommand({
          stateMachineArn: this.#stateMachineArn,
          name,
          input: JSON.stringify({ agreementId: agreement.id }),
        }),
      );
      if (!executionArn) throw new Error('StartExecution returned no execution ARN');
      return { executionArn };
    } catch (error) {
      if (!(error instanceof ExecutionAlreadyExists)) throw error;
      const executionArn = `${this.#stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
      return { executionArn };
    }
  }

  /**
   * A retried start must not start a second execution: a creation and a renewal have names
   * fixed by the agreement; an operator's resume is named by the time it was asked for.
   */
  #suffix(agreement: Agreement, reason: 'created' | 'resumed' | 'renewed'): string {
    switch (reason) {
      case 'created':
        return 'start';
      case 'renewed':
        return `renewed-${Date.parse(agreement.workflow?.startedAt ?? agreement.createdAt).toString(36)}`;
      case 'resumed':
        return `resumed-${this.#now().getTime().toString(36)}`;
    }
  }

  wake(agreementId: string): Promise<WakeReport> {
    return this.#release(agreementId, (token) => completeWait(this.#client(), token));
  }

  cancel(agreementId: string): Promise<WakeReport> {
    return this.#release(agreementId, (token) =>
      this.#client().send(
        new SendTaskFailureCommand({
          taskToken: token,
          error: CANCELLED_ERROR,
          cause: 'The agreement was cancelled',
        }),
      ),
    );
  }

  /**
   * Calls every stored wait of the agreement. A token that expired meanwhile was replaced by
   * a reminder loop: the newer one is read back and used instead.
   */
  async #release(
    agreementId: string,
    call: (token: string) => Promise<unknown>,
  ): Promise<WakeReport> {
    const report: WakeReport = { woken: [], stale: [] };
    for (const { waitKey, token } of await this.#taskTokens.taskTokens(agreementId)) {
      const woken = await this.#releaseOne(agreementId, waitKey, token, call);
      (woken ? report.woken : report.stale).push(waitKey);
    }
    return report;
  }

  async #releaseOne(
    agreementId: string,
    waitKey: string,
    firstToken: string,
    call: (token: string) => Promise<unknown>,
  ): Promise<boolean> {
    let token = firstToken;
    for (let attempt = 1; attempt <= MAX_TOKEN_ATTEMPTS; attempt++) {
      try {
        await call(token);
        await this.#taskTokens.clearTaskToken(agreementId, waitKey, token);
        return true;
      } catch (error) {
        if (!isGone(error)) throw error;
        await this.#taskTokens.clearTaskToken(agreementId, waitKey, token);
        const current = (await this.#taskTokens.taskTokens(agreementId)).find(
          (t) => t.waitKey === waitKey,
        );
        if (!current || current.token === token) return false;
        token = current.token;
      }
    }
    return false;
  }
}

/** Ends one wait successfully: the execution goes on to re-read the agreement. */
async function completeWait(client: SFNClient, token: string): Promise<void> {
  await client.send(
    new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify({ woken: true }) }),
  );
}

/** Ends the wait of a task that found its milestone already there. */
export class StepFunctionsWaits implements WaitCompletion {
  readonly #client: () => SFNClient;

  constructor(client: ClientSource<SFNClient>) {
    this.#client = clientOf(client);
  }

  async completeWait(token: string): Promise<void> {
    await completeWait(this.#client(), token).catch((error: unknown) => {
      if (!isGone(error)) throw error;
    });
  }
}

/** The token's task already ended (woken by someone else, or timed out). */
function isGone(error: unknown): boolean {
  return (
    error instanceof TaskTimedOut ||
    error instanceof InvalidToken ||
    error instanceof TaskDoesNotExist
  );
}

/**
 * Execution names carry the agreement id and the partner region, so that the console's name
 * filter finds an agreement's executions (at most 80 characters).
 */
export function executionName(agreement: Agreement, suffix: string): string {
  const partner = agreement.partnerRegion.code.replace('.', '-');
  return `${agreement.id}-${partner}-${suffix}`.slice(0, 80);
}
