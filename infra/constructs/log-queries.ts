// Saved CloudWatch Logs Insights queries (Logs Insights > Saved queries): what operations ask
// the logs most often, ready to run. Task and API log lines carry agreementId and executionArn
// (functions/shared/middleware.ts, functions/api/http/authentication.ts); the state machine's
// own log lines carry the execution ARN, whose name starts with the agreement id.
import { QueryDefinition, QueryString, type ILogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/** Replace it with an agreement id (the console keeps the query text editable). */
export const AGREEMENT_PLACEHOLDER = 'AGREEMENT_ID';

/** The state machine's log events of a failure (its execution history's event types). */
const FAILURE_EVENTS = [
  'ExecutionFailed',
  'ExecutionTimedOut',
  'TaskFailed',
  'TaskTimedOut',
  'LambdaFunctionFailed',
  'LambdaFunctionTimedOut',
];

export interface LogQueriesProps {
  /** Folder of the saved queries in the console, e.g. `sepakat-prod`. */
  readonly namePrefix: string;
  /** Every log group of the app: functions, state machine, API access logs. */
  readonly logGroups: readonly ILogGroup[];
  /** The log group of the function that sends nudges. */
  readonly nudgeLogGroup: ILogGroup;
}

export class LogQueries extends Construct {
  readonly queries: QueryDefinition[];

  constructor(scope: Construct, id: string, props: LogQueriesProps) {
    super(scope, id);
    const logGroups = [...props.logGroups];
    this.queries = [
      new QueryDefinition(this, 'EverythingAboutAgreement', {
        queryDefinitionName: `${props.namePrefix}/everything-about-agreement`,
        logGroups,
        queryString: new QueryString({
          fields: ['@timestamp', '@log', 'level', 'message', 'type', 'executionArn', '@message'],
          filterStatements: [`@message like "${AGREEMENT_PLACEHOLDER}"`],
          sort: '@timestamp asc',
          limit: 10_000,
        }),
      }),
      new QueryDefinition(this, 'FailedTasks', {
        // Logs Insights saves no time range: the name says which to pick.
        queryDefinitionName: `${props.namePrefix}/failed-tasks (run over the last day)`,
        logGroups,
        queryString: new QueryString({
          fields: [
            '@timestamp',
            '@log',
            'agreementId',
            'executionArn',
            'execution_arn',
            'type',
            'message',
            'error.name',
            'error.message',
          ],
          filterStatements: [
            `level = "ERROR" or type in [${FAILURE_EVENTS.map((e) => `"${e}"`).join(', ')}]`,
          ],
          sort: '@timestamp desc',
          limit: 10_000,
        }),
      }),
      new QueryDefinition(this, 'RemindersPerPartner', {
        queryDefinitionName: `${props.namePrefix}/reminders-sent-per-partner`,
        logGroups: [props.nudgeLogGroup],
        queryString: new QueryString({
          filterStatements: ['message = "Nudge sent"'],
          statsStatements: ['count(*) as sent by partnerRegion, partnerName, kind'],
          sort: 'sent desc',
        }),
      }),
    ];
  }
}
