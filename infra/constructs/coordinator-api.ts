import { ArnFormat, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import {
  AccessLogFormat,
  AuthorizationType,
  CfnAccount,
  CognitoUserPoolsAuthorizer,
  EndpointType,
  JsonSchemaType,
  JsonSchemaVersion,
  LambdaIntegration,
  LogGroupLogDestination,
  MethodLoggingLevel,
  ResponseType,
  RestApi,
  type IModel,
  type MethodDeploymentOptions,
  type MethodOptions,
} from 'aws-cdk-lib/aws-apigateway';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { PolicyDocument, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { CONTENT_TYPES } from '../../domain/reports/export-table.ts';
import type { ReminderPolicyInput } from '../../domain/schemas.ts';
import { CORS_PREFLIGHT } from '../../functions/api/http/cors.ts';
import { API_ROUTES, type ApiRoute } from '../../functions/api/routes.ts';
import { ActionLinksFirewall } from './action-links-firewall.ts';
import { constructId, definedFunction } from './sepakat-function.ts';

/** Every method by default: per method and stage, for all callers together. */
export const DEFAULT_THROTTLING = { rateLimit: 20, burstLimit: 40 } as const;
/** Writes (POST, PUT) start workflows and send email later: a tighter limit. */
export const WRITE_THROTTLING = { rateLimit: 5, burstLimit: 10 } as const;
/**
 * The public routes behind the nudges' action links (GET and POST /actions/{token}): officials
 * open a link now and then, so a guesser meets the tightest limit (and a token has 256 bits).
 */
export const ACTION_THROTTLING = { rateLimit: 2, burstLimit: 5 } as const;

/** The routes anyone may call with a link's token (no sign-in). */
const isActionRoute = (route: ApiRoute) => route.path.startsWith('/actions/');

function throttlingOf(route: ApiRoute): { rateLimit: number; burstLimit: number } | undefined {
  if (isActionRoute(route)) return ACTION_THROTTLING;
  return route.method === 'GET' ? undefined : WRITE_THROTTLING;
}

/** One JSON line per request; every value a string, so an absent one (`-`) stays valid JSON. */
const ACCESS_LOG_FORMAT = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    time: '$context.requestTimeEpoch',
    ip: '$context.identity.sourceIp',
    caller: '$context.authorizer.claims.sub',
    method: '$context.httpMethod',
    // Not $context.path: on /actions/{token} it holds an action link's token, never logged.
    resource: '$context.resourcePath',
    status: '$context.status',
    latency: '$context.responseLatency',
    integrationLatency: '$context.integrationLatency',
    responseLength: '$context.responseLength',
    error: '$context.error.message',
    traceId: '$context.xrayTraceId',
  }),
);

interface GatewayProblem {
  type: ResponseType;
  code: string;
  title: string;
  /**
   * The HTTP status, and the body's `status`. Every response has a fixed one: a default
   * response's status replaces that of every type it covers (API Gateway's rule), so the body,
   * which cannot compute it, always states the status sent. functions/api/openapi.ts documents
   * these statuses for every operation they can answer (GATEWAY_STATUSES).
   */
  status: number;
  /** Fixed text; API Gateway's own message otherwise. */
  detail?: string;
  headers?: Record<string, string>;
}

/** The problem types match the handlers' where both answer (unauthorized, validation, ...). */
const GATEWAY_PROBLEMS: GatewayProblem[] = [
  {
    type: ResponseType.UNAUTHORIZED,
    code: 'unauthorized',
    title: 'Not signed in',
    status: 401,
    detail: 'A valid bearer token is required.',
    headers: { 'WWW-Authenticate': "'Bearer'" },
  },
  {
    type: ResponseType.ACCESS_DENIED,
    code: 'forbidden',
    title: 'Not allowed',
    status: 403,
    detail: 'The token does not allow this request.',
  },
  {
    // Every method is either public or behind the authorizer (which answers a missing token
    // with UNAUTHORIZED), so API Gateway says "Missing Authentication Token" only for a path
    // or method the API does not have.
    type: ResponseType.MISSING_AUTHENTICATION_TOKEN,
    code: 'not-found',
    title: 'Not found',
    status: 404,
    detail: 'The API has no such path or method.',
  },
  {
    type: ResponseType.BAD_REQUEST_BODY,
    code: 'validation',
    title: 'Invalid request',
    status: 400,
    detail: 'The body must be a JSON object.',
  },
  {
    type: ResponseType.BAD_REQUEST_PARAMETERS,
    code: 'validation',
    title: 'Invalid request',
    status: 400,
  },
  {
    type: ResponseType.REQUEST_TOO_LARGE,
    code: 'too-large',
    title: 'Request too large',
    status: 413,
  },
  {
    type: ResponseType.THROTTLED,
    code: 'throttled',
    title: 'Too many requests',
    status: 429,
    detail: 'The API is busy; retry in a few seconds.',
  },
  {
    type: ResponseType.INTEGRATION_TIMEOUT,
    code: 'timeout',
    title: 'Timed out',
    status: 504,
    detail: 'The request took too long; retry later (with the same Idempotency-Key for writes).',
  },
  // The remaining types (WAF, quota, an unknown resource, ... none of which this API sets up)
  // answer 400 and 500 rather than their own 4XX and 5XX codes.
  { type: ResponseType.DEFAULT_4XX, code: 'refused', title: 'Request refused', status: 400 },
  { type: ResponseType.DEFAULT_5XX, code: 'internal', title: 'Internal error', status: 500 },
];

export interface CoordinatorApiProps {
  /** The stage name: the environment's name (`dev`, `prod`). */
  readonly stageName: string;
  /** Prefix of the physical names, e.g. `sepakat-dev`. */
  readonly namePrefix: string;
  /** The coordinators; their ID tokens authorize every method but the public two. */
  readonly userPool: IUserPool;
  /** The agreements table. */
  readonly table: ITable;
  /** The lifecycle state machine the write routes start and resume. */
  readonly stateMachineArn: string;
  /** Kemendagri code of the host region (HOST_REGION_CODE). */
  readonly hostRegionCode: string;
  /** Browser origins allowed by CORS. */
  readonly corsOrigins: string[];
  /** The reminder policy of agreements registered without one (REMINDER_POLICY). */
  readonly reminderPolicy: ReminderPolicyInput;
  /** The documents' bucket (DOCUMENT_BUCKET), largest file and Object Lock retention in days. */
  readonly documentBucket: IBucket;
  readonly documentMaxBytes: number;
  readonly documentRetentionDays?: number | undefined;
  /** How long the functions' and the API's logs are kept. */
  readonly logRetention: RetentionDays;
  /** Production keeps its logs on stack deletion and logs execution errors only. */
  readonly production: boolean;
  /** The longest pause of reminders an official may ask for (MAX_PAUSE_DAYS). */
  readonly actionLinks: { maxPauseDays: number };
  /** What the answer route sends the host coordinators' notice with. */
  readonly email: {
    senderEmail: string;
    emailIdentityArn: string;
    configurationSetName: string;
    configurationSetArn: string;
  };
}

/**
 * The coordinators' HTTP API: an API Gateway REST API with one method and one Lambda function
 * per route of functions/api/routes.ts, each function allowed exactly its route's capabilities.
 *
 * Request size: API Gateway accepts bodies up to 10 MB; the handlers refuse bodies over 256 KB
 * (MAX_BODY_BYTES in functions/api/http.ts) with a 413 problem.
 */
export class CoordinatorApi extends Construct {
  readonly api: RestApi;
  /** The route functions by route name (e.g. `create-agreement`). */
  readonly functions: ReadonlyMap<string, NodejsFunction>;
  /** One line per request (the access log). */
  readonly accessLogs: LogGroup;

  constructor(scope: Construct, id: string, props: CoordinatorApiProps) {
    super(scope, id);
    const removalPolicy = props.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    // Execution logs (what API Gateway did with a request) at INFO in development; errors only
    // in production, where the access log already has a line per request. Never bodies.
    const logging: MethodDeploymentOptions = {
      loggingLevel: props.production ? MethodLoggingLevel.ERROR : MethodLoggingLevel.INFO,
      dataTraceEnabled: false,
    };
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      removalPolicy,
    });
    this.accessLogs = accessLogs;

    this.api = new RestApi(this, 'Api', {
      restApiName: `${props.namePrefix}-coordinators`,
      description: 'Sepakat: the coordinators’ API for cooperation agreements',
      // Callers are in Indonesia, next to the region: no edge-optimized CloudFront in front.
      endpointConfiguration: { types: [EndpointType.REGIONAL] },
      // The role the CDK would create for execution logs carries the managed
      // AmazonAPIGatewayPushToCloudWatchLogs policy (every log group): see executionLogging().
      cloudWatchRole: false,
      failOnWarnings: true,
      // The XLSX export comes base64-encoded from its function; a request that accepts this
      // type gets the bytes (GET /agreements/export).
      binaryMediaTypes: [CONTENT_TYPES.xlsx],
      deployOptions: {
        stageName: props.stageName,
        accessLogDestination: new LogGroupLogDestination(accessLogs),
        accessLogFormat: ACCESS_LOG_FORMAT,
        tracingEnabled: true,
        metricsEnabled: false,
        ...logging,
        throttlingRateLimit: DEFAULT_THROTTLING.rateLimit,
        throttlingBurstLimit: DEFAULT_THROTTLING.burstLimit,
        // A method setting replaces the stage's for that method: it repeats the logging.
        methodOptions: Object.fromEntries(
          API_ROUTES.flatMap((route) => {
            const limit = throttlingOf(route);
            if (!limit) return [];
            const options = {
              ...logging,
              throttlingRateLimit: limit.rateLimit,
              throttlingBurstLimit: limit.burstLimit,
            };
            return [[`${route.path}/${route.method}`, options]];
          }),
        ),
      },
      // For the future web page. Preflight only: the OPTIONS methods answer from API Gateway
      // (a mock integration, no authorizer, as browsers send preflights without credentials).
      defaultCorsPreflightOptions: {
        allowOrigins: props.corsOrigins,
        allowMethods: [...CORS_PREFLIGHT.allowMethods],
        allowHeaders: [...CORS_PREFLIGHT.allowHeaders],
        allowCredentials: false,
        maxAge: Duration.seconds(CORS_PREFLIGHT.maxAgeSeconds),
        statusCode: CORS_PREFLIGHT.status,
      },
    });
    // RestApi adds an output named after its construct path; the stack has its own.
    this.api.node.tryRemoveChild('Endpoint');
    this.executionLogging(props.stageName, props.logRetention, removalPolicy);
    this.problemResponses(props.corsOrigins);

    // ID tokens: they carry cognito:groups and custom:region, which the handlers read.
    const authorizer = new CognitoUserPoolsAuthorizer(this, 'Authorizer', {
      authorizerName: `${props.namePrefix}-coordinators`,
      cognitoUserPools: [props.userPool],
      resultsCacheTtl: Duration.minutes(5),
    });
    // API Gateway checks that a body is a JSON object and that path parameters are there; the
    // handlers validate the content and answer with field errors.
    const validator = this.api.addRequestValidator('Validator', {
      requestValidatorName: 'body-and-parameters',
      validateRequestBody: true,
      validateRequestParameters: true,
    });
    const jsonObject = this.api.addModel('JsonObject', {
      modelName: 'JsonObject',
      contentType: 'application/json',
      schema: {
        schema: JsonSchemaVersion.DRAFT4,
        title: 'JsonObject',
        type: JsonSchemaType.OBJECT,
      },
    });

    const environmentValues: Record<string, string> = {
      ALLOWED_ORIGINS: props.corsOrigins.join(','),
      TABLE_NAME: props.table.tableName,
      STATE_MACHINE_ARN: props.stateMachineArn,
      HOST_REGION_CODE: props.hostRegionCode,
      REMINDER_POLICY: JSON.stringify(props.reminderPolicy),
      DOCUMENT_BUCKET: props.documentBucket.bucketName,
      DOCUMENT_MAX_BYTES: String(props.documentMaxBytes),
      // Empty: no lock (dev); the attaching function locks each file for this many days.
      DOCUMENT_RETENTION_DAYS: String(props.documentRetentionDays ?? ''),
      MAX_PAUSE_DAYS: String(props.actionLinks.maxPauseDays),
      SENDER_EMAIL: props.email.senderEmail,
      SES_CONFIGURATION_SET: props.email.configurationSetName,
    };
    const functions = new Map<string, NodejsFunction>();
    for (const route of API_ROUTES) {
      const fn = definedFunction(this, route, {
        kind: 'API function',
        description: `${route.method} ${route.path}: ${route.summary}`,
        environmentValues,
        resources: {
          table: props.table,
          stateMachineArn: props.stateMachineArn,
          documentBucket: props.documentBucket,
          senderEmail: props.email.senderEmail,
          emailIdentityArn: props.email.emailIdentityArn,
          configurationSetArn: props.email.configurationSetArn,
        },
        logRetention: props.logRetention,
        logRemovalPolicy: removalPolicy,
        // Someone waits for the answer; the integration gives up after 29 seconds.
        memorySize: 512,
        timeout: Duration.seconds(10),
      });
      functions.set(route.name, fn);

      const method = this.api.root
        .resourceForPath(route.path)
        .addMethod(route.method, new LambdaIntegration(fn, { allowTestInvoke: false }), {
          operationName: route.name,
          ...authorization(route, authorizer),
          requestValidator: validator,
          ...requestChecks(route, jsonObject),
        });
      if (!route.auth) {
        const reason = `${route.method} ${route.path} is public on purpose: ${publicBecause(route)}`;
        Validations.of(method).acknowledge({ id: 'AwsSolutions-APIG4', reason });
        Validations.of(method).acknowledge({ id: 'AwsSolutions-COG4', reason });
      }
    }
    this.functions = functions;

    if (props.production) {
      new ActionLinksFirewall(this, 'Firewall', {
        stage: this.api.deploymentStage,
        stageName: props.stageName,
        namePrefix: props.namePrefix,
      });
    } else {
      Validations.of(this.api.deploymentStage).acknowledge({
        id: 'AwsSolutions-APIG3',
        reason:
          'No WAF web ACL in development: a web ACL and its rules cost a monthly fee per ACL ' +
          'and rule; production has one (a rate rule on the public action-link routes). Every ' +
          'method but /health, /openapi.json and /actions/{token} requires a Cognito ID token, ' +
          'and the stage throttles each method (20/s, 5/s for writes, 2/s for action links).',
      });
    }
  }

  /** The stage URL, ending in `/`. */
  get url(): string {
    return this.api.url;
  }

  /**
   * API Gateway writes execution logs with a role set once per account and region
   * (AWS::ApiGateway::Account). This one may write API Gateway's execution log groups only;
   * it and the account setting stay when the stack goes (as the CDK's own role does), because
   * every API of the account and region uses them. The stage's log group is created here, so
   * that it has a retention.
   */
  private executionLogging(stageName: string, retention: RetentionDays, removal: RemovalPolicy) {
    const stack = Stack.of(this);
    const executionLogGroups = stack.formatArn({
      service: 'logs',
      resource: 'log-group',
      resourceName: 'API-Gateway-Execution-Logs_*',
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    const role = new Role(this, 'CloudWatchRole', {
      assumedBy: new ServicePrincipal('apigateway.amazonaws.com'),
      description: 'API Gateway execution logging (account setting)',
      inlinePolicies: {
        ExecutionLogs: new PolicyDocument({
          statements: [
            new PolicyStatement({
              actions: [
                'logs:CreateLogGroup',
                'logs:CreateLogStream',
                'logs:DescribeLogStreams',
                'logs:PutLogEvents',
              ],
              resources: [executionLogGroups, `${executionLogGroups}:log-stream:*`],
            }),
            new PolicyStatement({ actions: ['logs:DescribeLogGroups'], resources: ['*'] }),
          ],
        }),
      },
    });
    role.applyRemovalPolicy(RemovalPolicy.RETAIN);
    const account = new CfnAccount(this, 'Account', { cloudWatchRoleArn: role.roleArn });
    account.applyRemovalPolicy(RemovalPolicy.RETAIN);
    // As the CDK does: the account setting fails in a region without any REST API yet.
    const restApi = this.api.node.defaultChild;
    if (restApi) account.node.addDependency(restApi);

    const logGroup = new LogGroup(this, 'ExecutionLogs', {
      logGroupName: `API-Gateway-Execution-Logs_${this.api.restApiId}/${stageName}`,
      retention,
      removalPolicy: removal,
    });
    this.api.deploymentStage.node.addDependency(account, logGroup);

    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:${stack.region}:<AWS::AccountId>:log-group:API-Gateway-Execution-Logs_*]`,
      reason:
        'The account-wide API Gateway logging role writes the execution logs of every REST API ' +
        'and stage of the account and region; their log groups are named ' +
        'API-Gateway-Execution-Logs_{rest-api-id}/{stage}, so the role names that prefix.',
    });
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:${stack.region}:<AWS::AccountId>:log-group:API-Gateway-Execution-Logs_*:log-stream:*]`,
      reason:
        'Log streams of the API Gateway execution log groups: API Gateway names a stream per ' +
        'request batch, so only the group prefix can be fixed.',
    });
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'logs:DescribeLogGroups, part of the managed AmazonAPIGatewayPushToCloudWatchLogs ' +
        'policy this role replaces, lists groups by prefix and is granted on "*".',
    });
  }

  /**
   * Answers API Gateway gives itself (refused token, throttling, an invalid body, a failed
   * function) as RFC 9457 problem details, like the handlers' own
   * (functions/api/http/problem-details.ts).
   */
  private problemResponses(corsOrigins: string[]) {
    const headers: Record<string, string> = { 'Content-Type': "'application/problem+json'" };
    // A browser shows the page an error only with its origin allowed. These answers are
    // static: they name the first origin (the console's), as the preflight does by default;
    // a page on another origin sees a network error instead of API Gateway's problem.
    const [origin] = corsOrigins;
    if (origin) {
      headers['Access-Control-Allow-Origin'] = `'${origin}'`;
      headers.Vary = "'Origin'";
    }
    for (const response of GATEWAY_PROBLEMS) {
      const detail =
        response.detail === undefined
          ? '$context.error.messageString'
          : JSON.stringify(response.detail);
      const body =
        `{"type":"urn:sepakat:problem:${response.code}","title":${JSON.stringify(response.title)},` +
        `"status":${response.status},` +
        `"detail":${detail},"requestId":"$context.requestId"}`;
      this.api.addGatewayResponse(
        constructId(response.type.responseType.toLowerCase().replaceAll('_', '-')),
        {
          type: response.type,
          statusCode: String(response.status),
          responseHeaders: { ...headers, ...response.headers },
          templates: { 'application/json': body },
        },
      );
    }
  }
}

/**
 * Why a route needs no sign-in. Neither reads agreements or any coordinator's data, and both
 * stay under the stage's throttling. A new public route fails the synth until it is listed.
 */
const PUBLIC_ROUTES: Record<string, string> = {
  // Uptime checks and deploy smoke tests call it without an account; it answers a constant.
  health:
    'uptime checks and deployment smoke tests call it without an account; it reads nothing ' +
    'and answers {"status":"ok"}. The stage throttling applies.',
  // The API's own description: tools, client generators and the web page read it before
  // anyone signs in. It describes the routes, it holds no data.
  // The page behind a nudge's link: the token (256 random bits, stored hashed, single-use,
  // expiring) is the credential, for officials who have no account.
  'get-action':
    'officials open the link of a nudge without an account: the 256-bit token in the path is ' +
    'the credential (stored hashed, single-use, expiring); it changes nothing. Throttled per route.',
  'answer-action':
    'officials answer a nudge without an account: the 256-bit token in the path is the ' +
    'credential (stored hashed, single-use, expiring); no cookie, so no CSRF. Throttled per route.',
  'get-openapi':
    'the OpenAPI description is read by tools, client generators and the web page before ' +
    'sign-in; it describes the routes and holds no agreement data. The stage throttling applies.',
};

function publicBecause(route: ApiRoute): string {
  const reason = PUBLIC_ROUTES[route.name];
  if (!reason) {
    throw new Error(`Route ${route.name} needs no sign-in: say why in PUBLIC_ROUTES`);
  }
  return reason;
}

/**
 * Every route behind the user pool's authorizer, except the public ones (PUBLIC_ROUTES):
 * AuthorizationType NONE there. The handlers refuse a call without claims on the other routes
 * as well (functions/api/http/authentication.ts), should a method ever lose its authorizer.
 */
function authorization(route: ApiRoute, authorizer: CognitoUserPoolsAuthorizer): MethodOptions {
  if (route.auth) return { authorizationType: AuthorizationType.COGNITO, authorizer };
  publicBecause(route);
  return { authorizationType: AuthorizationType.NONE };
}

/** What the validator checks: the path's parameters (`{id}`) and, with a body, its type. */
function requestChecks(route: ApiRoute, jsonObject: IModel): MethodOptions {
  const parameters = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '');
  return {
    ...(parameters.length > 0
      ? {
          requestParameters: Object.fromEntries(
            parameters.map((name) => [`method.request.path.${name}`, true]),
          ),
        }
      : {}),
    ...(route.body ? { requestModels: { 'application/json': jsonObject } } : {}),
  };
}
