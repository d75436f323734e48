// The coordinators' HTTP API as synthesized: the REST API and its stage, one method and one
// function per route of functions/api/routes.ts, the Cognito user pool behind the authorizer,
// and IAM that grants each route's function its route's capabilities only.
import { describe, expect, it } from '@jest/globals';
import { MockIntegration } from 'aws-cdk-lib/aws-apigateway';
import type { Template } from 'aws-cdk-lib/assertions';
import { GROUPS, REGION_CLAIM } from '../../functions/api/principal.ts';
import { API_ROUTES, type ApiRoute } from '../../functions/api/routes.ts';
import { environmentConfig } from '../../infra/config.ts';
import { ACTION_LINKS_RATE_LIMIT } from '../../infra/constructs/action-links-firewall.ts';
import {
  ACTION_THROTTLING,
  DEFAULT_THROTTLING,
  WRITE_THROTTLING,
} from '../../infra/constructs/coordinator-api.ts';
import { constructId } from '../../infra/constructs/sepakat-function.ts';
import { createSepakatApp } from '../../infra/sepakat-app.ts';
import {
  acknowledgements,
  actionsOf,
  arnText,
  capabilitiesOf,
  findingsOf,
  list,
  only,
  ofService,
  READ_ACTIONS,
  referenced,
  resource,
  resources,
  roleOfFunction,
  statementsOf,
  synth,
  WRITE_ACTIONS,
  type Resource,
} from './template.ts';

// ---------------------------------------------------------------------------------------------

/** Every API Gateway resource's id by its full path (`/agreements/{id}`), the root as `/`. */
function resourcePaths(template: Template): Map<string, string> {
  const [apiId] = only(template, 'AWS::ApiGateway::RestApi');
  const all = new Map(resources(template, 'AWS::ApiGateway::Resource'));
  const pathOf = (id: string): string => {
    const node = all.get(id);
    if (!node) throw new Error(`No API resource ${id}`);
    const parent = node.Properties.ParentId as { 'Fn::GetAtt'?: string[] };
    const part = String(node.Properties.PathPart);
    if (parent['Fn::GetAtt']?.[0] === apiId) return `/${part}`;
    return `${pathOf(referenced(parent))}/${part}`;
  };
  const paths = new Map<string, string>([['/', apiId]]);
  for (const id of all.keys()) paths.set(pathOf(id), id);
  return paths;
}

/** The id of the resource a method hangs on, or the API's for the root. */
function resourceOf(method: Resource): string {
  return referenced(method.Properties.ResourceId);
}

/** The method for a route, found by resource path and HTTP method. */
function methodFor(template: Template, route: ApiRoute): [string, Resource] {
  const resourceId = resourcePaths(template).get(route.path);
  const matches = resources(template, 'AWS::ApiGateway::Method').filter(
    ([, method]) =>
      method.Properties.HttpMethod === route.method && resourceOf(method) === resourceId,
  );
  expect([route.name, matches.length]).toEqual([route.name, 1]);
  return matches[0] as [string, Resource];
}

/** The function built for a route, found by its description. */
function functionFor(template: Template, route: ApiRoute): [string, Resource] {
  const matches = resources(template, 'AWS::Lambda::Function').filter(([, fn]) =>
    String(fn.Properties.Description).startsWith(`${route.method} ${route.path}: `),
  );
  expect([route.name, matches.length]).toEqual([route.name, 1]);
  return matches[0] as [string, Resource];
}

/** Methods but the CORS preflights, which API Gateway answers itself. */
function routeMethods(template: Template): [string, Resource][] {
  return resources(template, 'AWS::ApiGateway::Method').filter(
    ([, method]) => method.Properties.HttpMethod !== 'OPTIONS',
  );
}

interface MethodSetting {
  HttpMethod: string;
  ResourcePath: string;
  LoggingLevel?: string;
  DataTraceEnabled?: boolean;
  ThrottlingRateLimit?: number;
  ThrottlingBurstLimit?: number;
}

const byRoute = API_ROUTES.map((route) => [`${route.method} ${route.path}`, route] as const);
const PUBLIC = [
  'GET /health',
  'GET /openapi.json',
  'GET /actions/{token}',
  'POST /actions/{token}',
];
const RETENTION_DAYS: Record<string, number> = { dev: 30, prod: 365 };

// ---------------------------------------------------------------------------------------------

/** What the console distribution's domain reads as in these tests. */
const CONSOLE = '<console>';

/** A template value that joins the console distribution's domain, as text. */
function withConsole(value: unknown): string {
  if (typeof value === 'string') return value;
  const join = (value as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  if (join) return join[1].map(withConsole).join(join[0]);
  const [id, attribute] = (value as { 'Fn::GetAtt'?: [string, string] })['Fn::GetAtt'] ?? [];
  if (id?.startsWith('ConsoleDistribution') && attribute === 'DomainName') return CONSOLE;
  throw new Error(`Unexpected template value ${JSON.stringify(value)}`);
}

describe.each(['dev', 'prod'])('the %s coordinators API', (env) => {
  const config = environmentConfig(env);

  describe('REST API and stage', () => {
    it('is one regional REST API, deployed to a stage named after the environment', () => {
      const { template } = synth(env);
      const [apiId, api] = only(template, 'AWS::ApiGateway::RestApi');
      expect(api.Properties).toMatchObject({
        Name: `sepakat-${env}-coordinators`,
        EndpointConfiguration: { Types: ['REGIONAL'] },
        FailOnWarnings: true,
      });
      const [, stage] = only(template, 'AWS::ApiGateway::Stage');
      expect(stage.Properties.StageName).toBe(env);
      expect(referenced(stage.Properties.RestApiId)).toBe(apiId);
    });

    it('logs every request as one JSON line to its own log group, with retention', () => {
      const { template } = synth(env);
      const [, stage] = only(template, 'AWS::ApiGateway::Stage');
      const setting = stage.Properties.AccessLogSetting as {
        DestinationArn: unknown;
        Format: string;
      };
      const group = resource(template, referenced(setting.DestinationArn));
      expect(group.Type).toBe('AWS::Logs::LogGroup');
      expect(group.Properties.RetentionInDays).toBe(RETENTION_DAYS[env]);
      const format = JSON.parse(setting.Format) as Record<string, string>;
      expect(format).toMatchObject({
        requestId: '$context.requestId',
        ip: '$context.identity.sourceIp',
        caller: '$context.authorizer.claims.sub',
        method: '$context.httpMethod',
        resource: '$context.resourcePath',
        status: '$context.status',
        latency: '$context.responseLatency',
      });
    });

    it('traces with X-Ray and logs execution for every method, without bodies', () => {
      const { template } = synth(env);
      const [, stage] = only(template, 'AWS::ApiGateway::Stage');
      expect(stage.Properties.TracingEnabled).toBe(true);
      const settings = stage.Properties.MethodSettings as MethodSetting[];
      const level = env === 'prod' ? 'ERROR' : 'INFO';
      expect(settings).toContainEqual(
        expect.objectContaining({ HttpMethod: '*', ResourcePath: '/*', LoggingLevel: level }),
      );
      // A method's own setting replaces the stage's: each must log too.
      for (const setting of settings) {
        expect([setting.ResourcePath, setting.LoggingLevel, setting.DataTraceEnabled]).toEqual([
          setting.ResourcePath,
          level,
          false,
        ]);
      }
    });

    it('writes execution logs to a log group with retention, through an own logging role', () => {
      const { template } = synth(env);
      const [stageId, stage] = only(template, 'AWS::ApiGateway::Stage');
      const [accountId, account] = only(template, 'AWS::ApiGateway::Account');
      expect(stage.DependsOn).toContain(accountId);
      const role = resource(template, referenced(account.Properties.CloudWatchRoleArn));
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
      const writes = statementsOf(template, referenced(account.Properties.CloudWatchRoleArn))
        .filter((s) => list(s.Action).includes('logs:PutLogEvents'))
        .flatMap((s) => list(s.Resource).map(arnText));
      expect(writes.length).toBeGreaterThan(0);
      for (const arn of writes) expect(arn).toContain(':log-group:API-Gateway-Execution-Logs_');

      const [apiId] = only(template, 'AWS::ApiGateway::RestApi');
      const executionLogs = resources(template, 'AWS::Logs::LogGroup').filter(
        ([, group]) =>
          group.Properties.LogGroupName !== undefined &&
          arnText(group.Properties.LogGroupName) === `API-Gateway-Execution-Logs_<${apiId}>/${env}`,
      );
      expect(executionLogs).toHaveLength(1);
      const [groupId, group] = executionLogs[0] as [string, Resource];
      expect(group.Properties.RetentionInDays).toBe(RETENTION_DAYS[env]);
      expect([stageId, stage.DependsOn]).toEqual([stageId, expect.arrayContaining([groupId])]);
    });

    it('throttles every method, and writes harder', () => {
      const { template } = synth(env);
      const [, stage] = only(template, 'AWS::ApiGateway::Stage');
      const settings = stage.Properties.MethodSettings as MethodSetting[];
      expect(settings).toContainEqual(
        expect.objectContaining({
          HttpMethod: '*',
          ResourcePath: '/*',
          ThrottlingRateLimit: DEFAULT_THROTTLING.rateLimit,
          ThrottlingBurstLimit: DEFAULT_THROTTLING.burstLimit,
        }),
      );
      // The public action-link routes have their own, tighter limit.
      const isAction = (route: (typeof API_ROUTES)[number]) => route.path.startsWith('/actions/');
      const writes = API_ROUTES.filter((route) => route.method !== 'GET' && !isAction(route));
      expect(writes.length).toBeGreaterThan(0);
      for (const route of writes) {
        expect(settings).toContainEqual(
          expect.objectContaining({
            HttpMethod: route.method,
            ResourcePath: route.path.replaceAll('/', '~1').replace(/^/, '/'),
            ThrottlingRateLimit: WRITE_THROTTLING.rateLimit,
            ThrottlingBurstLimit: WRITE_THROTTLING.burstLimit,
          }),
        );
      }
      expect(WRITE_THROTTLING.rateLimit).toBeLessThan(DEFAULT_THROTTLING.rateLimit);
      const actions = API_ROUTES.filter(isAction);
      expect(actions.map((r) => r.method).sort()).toEqual(['GET', 'POST']);
      for (const route of actions) {
        expect(settings).toContainEqual(
          expect.objectContaining({
            HttpMethod: route.method,
            ResourcePath: route.path.replaceAll('/', '~1').replace(/^/, '/'),
            ThrottlingRateLimit: ACTION_THROTTLING.rateLimit,
            ThrottlingBurstLimit: ACTION_THROTTLING.burstLimit,
          }),
        );
      }
      expect(ACTION_THROTTLING.rateLimit).toBeLessThan(WRITE_THROTTLING.rateLimit);
      // No access log line holds a path, where an action link's token would be.
      expect(JSON.stringify(template)).not.toContain('$context.path');
    });

    it('answers CORS preflights for the configured origins only, on every path', () => {
      const { template } = synth(env);
      const preflights = resources(template, 'AWS::ApiGateway::Method').filter(
        ([, method]) => method.Properties.HttpMethod === 'OPTIONS',
      );
      expect(preflights.map(([, m]) => resourceOf(m)).sort()).toEqual(
        [...resourcePaths(template).values()].sort(),
      );
      for (const [, preflight] of preflights) {
        expect(preflight.Properties.AuthorizationType).toBe('NONE');
        const integration = preflight.Properties.Integration as {
          Type: string;
          IntegrationResponses: { ResponseParameters: Record<string, string> }[];
        };
        expect(integration.Type).toBe('MOCK');
        const headers = integration.IntegrationResponses[0]?.ResponseParameters ?? {};
        // The console's CloudFront origin comes first (the default answer), then the others.
        expect(withConsole(headers['method.response.header.Access-Control-Allow-Origin'])).toBe(
          `'https://${CONSOLE}'`,
        );
        expect(headers['method.response.header.Access-Control-Allow-Headers']).toContain(
          'Authorization',
        );
      }
    });

    it('has its URL as a stack output', () => {
      const { template } = synth(env);
      const outputs = template.toJSON() as { Outputs: Record<string, { Value: unknown }> };
      expect(JSON.stringify(outputs.Outputs.CoordinatorApiUrl?.Value)).toContain(
        `.execute-api.${config.awsRegion}.`,
      );
      // RestApi's own output was removed: one URL output.
      expect(Object.keys(outputs.Outputs).filter((k) => k.includes('Endpoint'))).toEqual([]);
    });
  });

  describe('methods', () => {
    it('are one per route and no other', () => {
      const { template } = synth(env);
      expect(routeMethods(template)).toHaveLength(API_ROUTES.length);
      const ids = API_ROUTES.map((route) => methodFor(template, route)[0]);
      expect(new Set(ids).size).toBe(API_ROUTES.length);
    });

    it.each(byRoute)("%s calls that route's own function (Lambda proxy)", (_name, route) => {
      const { template } = synth(env);
      const [, method] = methodFor(template, route);
      const [functionId] = functionFor(template, route);
      const integration = method.Properties.Integration as { Type: string; Uri: unknown };
      expect(integration.Type).toBe('AWS_PROXY');
      expect(arnText(integration.Uri)).toContain(`/functions/<${functionId}.Arn>/invocations`);
      expect(method.Properties.OperationName).toBe(route.name);
    });

    it('require a Cognito ID token of the coordinators, but for the public ones (health, OpenAPI, action links)', () => {
      const { template } = synth(env);
      const [authorizerId, authorizer] = only(template, 'AWS::ApiGateway::Authorizer');
      const [poolId] = only(template, 'AWS::Cognito::UserPool');
      expect(authorizer.Properties).toMatchObject({
        Type: 'COGNITO_USER_POOLS',
        IdentitySource: 'method.request.header.Authorization',
        ProviderARNs: [{ 'Fn::GetAtt': [poolId, 'Arn'] }],
      });
      expect(API_ROUTES.filter((r) => !r.auth).map((r) => `${r.method} ${r.path}`)).toEqual(
        expect.arrayContaining(PUBLIC),
      );
      expect(API_ROUTES.filter((r) => !r.auth)).toHaveLength(PUBLIC.length);
      for (const route of API_ROUTES) {
        const [, method] = methodFor(template, route);
        const name = `${route.method} ${route.path}`;
        const expected = PUBLIC.includes(name)
          ? { AuthorizationType: 'NONE', AuthorizerId: undefined }
          : { AuthorizationType: 'COGNITO_USER_POOLS', AuthorizerId: { Ref: authorizerId } };
        expect([name, method.Properties.AuthorizationType, method.Properties.AuthorizerId]).toEqual(
          [name, expected.AuthorizationType, expected.AuthorizerId],
        );
      }
    });

    it('have API Gateway check path parameters and that a body is a JSON object', () => {
      const { template } = synth(env);
      const [validatorId, validator] = only(template, 'AWS::ApiGateway::RequestValidator');
      expect(validator.Properties).toMatchObject({
        ValidateRequestBody: true,
        ValidateRequestParameters: true,
      });
      const [modelId, model] = only(template, 'AWS::ApiGateway::Model');
      expect(model.Properties).toMatchObject({
        ContentType: 'application/json',
        Schema: { type: 'object' },
      });
      for (const route of API_ROUTES) {
        const [, method] = methodFor(template, route);
        expect(referenced(method.Properties.RequestValidatorId)).toBe(validatorId);
        const models = method.Properties.RequestModels as Record<string, unknown> | undefined;
        expect([route.name, models]).toEqual([
          route.name,
          route.body ? { 'application/json': { Ref: modelId } } : undefined,
        ]);
        const parameters = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '');
        if (parameters.length > 0) {
          expect(method.Properties.RequestParameters).toEqual(
            Object.fromEntries(parameters.map((name) => [`method.request.path.${name}`, true])),
          );
        }
      }
    });
  });

  describe('gateway responses', () => {
    it.each(['UNAUTHORIZED', 'ACCESS_DENIED', 'THROTTLED', 'DEFAULT_4XX', 'DEFAULT_5XX'])(
      '%s answers with problem details (application/problem+json)',
      (type) => {
        const { template } = synth(env);
        const found = resources(template, 'AWS::ApiGateway::GatewayResponse').filter(
          ([, r]) => r.Properties.ResponseType === type,
        );
        expect(found).toHaveLength(1);
        const { Properties: props } = (found[0] as [string, Resource])[1];
        const headers = props.ResponseParameters as Record<string, string>;
        expect(headers['gatewayresponse.header.Content-Type']).toBe("'application/problem+json'");
        expect(withConsole(headers['gatewayresponse.header.Access-Control-Allow-Origin'])).toBe(
          `'https://${CONSOLE}'`,
        );
        // The template as API Gateway fills it: messageString is a quoted JSON string.
        const text = (props.ResponseTemplates as Record<string, string>)['application/json'];
        const body = JSON.parse(
          String(text)
            .replaceAll('$context.error.messageString', '"Unauthorized"')
            .replaceAll('$context.requestId', 'r-1'),
        ) as Record<string, unknown>;
        expect(body).toMatchObject({
          type: expect.stringMatching(/^urn:sepakat:problem:[a-z-]+$/),
          title: expect.any(String),
          detail: expect.any(String),
          requestId: 'r-1',
        });
        if (props.StatusCode !== undefined) expect(body.status).toBe(Number(props.StatusCode));
      },
    );
  });

  describe('functions', () => {
    it('are one per route, each in its own log group with retention', () => {
      const { template } = synth(env);
      const ids = API_ROUTES.map((route) => functionFor(template, route)[0]);
      expect(new Set(ids).size).toBe(API_ROUTES.length);
      const kept = env === 'prod' ? 'Retain' : 'Delete';
      const groups = API_ROUTES.map((route) => {
        const [, fn] = functionFor(template, route);
        return referenced((fn.Properties.LoggingConfig as { LogGroup: unknown }).LogGroup);
      });
      expect(new Set(groups).size).toBe(API_ROUTES.length);
      for (const id of groups) {
        const group = resource(template, id);
        expect([id, group.Properties.RetentionInDays, group.DeletionPolicy]).toEqual([
          id,
          RETENTION_DAYS[env],
          kept,
        ]);
      }
    });

    it.each(byRoute)(
      '%s runs on Node.js 22, arm64, traced, with the environment its route names',
      (_name, route) => {
        const { template } = synth(env);
        const [, fn] = functionFor(template, route);
        expect(fn.Properties).toMatchObject({
          Runtime: 'nodejs22.x',
          Architectures: ['arm64'],
          Handler: 'index.handler',
          TracingConfig: { Mode: 'Active' },
        });
        const variables = (fn.Properties.Environment as { Variables: Record<string, unknown> })
          .Variables;
        expect(Object.keys(variables).sort()).toEqual(
          [...route.environment, 'POWERTOOLS_SERVICE_NAME', 'NODE_OPTIONS'].sort(),
        );
        const [tableId] = only(template, 'AWS::DynamoDB::Table');
        const [machineId] = only(template, 'AWS::StepFunctions::StateMachine');
        const [setId] = only(template, 'AWS::SES::ConfigurationSet');
        const expected: Record<string, unknown> = {
          TABLE_NAME: { Ref: tableId },
          STATE_MACHINE_ARN: { Ref: machineId },
          HOST_REGION_CODE: config.hostRegionCode,
          REMINDER_POLICY: JSON.stringify(config.reminderPolicy),
          ALLOWED_ORIGINS: [`https://${CONSOLE}`, ...config.corsOrigins].join(','),
          MAX_PAUSE_DAYS: String(config.actionLinks.maxPauseDays),
          SENDER_EMAIL: config.senderEmail,
          SES_CONFIGURATION_SET: { Ref: setId },
          POWERTOOLS_SERVICE_NAME: `sepakat-${route.name}`,
          NODE_OPTIONS: '--enable-source-maps',
          DOCUMENT_BUCKET: { Ref: documentBucketOf(template) },
          DOCUMENT_MAX_BYTES: String(config.documents.maxBytes),
          DOCUMENT_RETENTION_DAYS: String(config.documents.retentionDays ?? ''),
        };
        for (const [name, value] of Object.entries(variables)) {
          const actual = name === 'ALLOWED_ORIGINS' ? withConsole(value) : value;
          expect([name, actual]).toEqual([name, expected[name]]);
        }
      },
    );
  });

  describe('IAM', () => {
    it.each(byRoute)(
      "%s may do what its route's capabilities say, and nothing else",
      (_name, route) => {
        const { template } = synth(env);
        const [, fn] = functionFor(template, route);
        const granted = capabilitiesOf(actionsOf(statementsOf(template, roleOfFunction(fn))));
        expect(granted).toEqual({
          capabilities: [...new Set(route.capabilities)].sort(),
          partial: [],
          unexpected: [],
        });
      },
    );

    it('gives read-only routes no table writes and no workflow actions', () => {
      const { template } = synth(env);
      const readOnly = API_ROUTES.filter((route) => !route.capabilities.includes('writeTable'));
      expect(readOnly.map((route) => route.method)).not.toContain('POST');
      for (const route of readOnly) {
        const [, fn] = functionFor(template, route);
        const actions = actionsOf(statementsOf(template, roleOfFunction(fn)));
        expect([route.name, actions.filter((a) => WRITE_ACTIONS.has(a))]).toEqual([route.name, []]);
        expect([route.name, ofService(actions, 'states')]).toEqual([route.name, []]);
        const reads = actions.filter((a) => READ_ACTIONS.has(a)).length > 0;
        expect([route.name, reads]).toEqual([route.name, route.capabilities.includes('readTable')]);
      }
    });

    it('limits table access to the agreements table and workflow actions to its state machine', () => {
      const { template } = synth(env);
      const [tableId] = only(template, 'AWS::DynamoDB::Table');
      const [machineId] = only(template, 'AWS::StepFunctions::StateMachine');
      for (const route of API_ROUTES) {
        const [, fn] = functionFor(template, route);
        for (const statement of statementsOf(template, roleOfFunction(fn))) {
          const actions = list(statement.Action);
          const arns = list(statement.Resource).map(arnText);
          if (actions.some((a) => a.startsWith('dynamodb:'))) {
            for (const arn of arns) {
              expect(arn).toMatch(new RegExp(`^<${tableId}\\.Arn>(/index/\\w+)?$`));
            }
          }
          if (actions.some((a) => a.startsWith('states:'))) {
            expect(arns).toEqual([`<${machineId}>`]);
          }
        }
      }
    });

    it('lets API Gateway invoke each function for its own method only', () => {
      const { template } = synth(env);
      const [apiId] = only(template, 'AWS::ApiGateway::RestApi');
      const [stageId] = only(template, 'AWS::ApiGateway::Stage');
      for (const route of API_ROUTES) {
        const [functionId] = functionFor(template, route);
        const permissions = resources(template, 'AWS::Lambda::Permission').filter(
          ([, p]) => referenced(p.Properties.FunctionName) === functionId,
        );
        expect([route.name, permissions.length]).toEqual([route.name, 1]);
        const permission = (permissions[0] as [string, Resource])[1].Properties;
        expect(permission.Principal).toBe('apigateway.amazonaws.com');
        expect(arnText(permission.SourceArn)).toBe(
          `arn:<AWS::Partition>:execute-api:${config.awsRegion}:<AWS::AccountId>:<${apiId}>/` +
            `<${stageId}>/${route.method}${route.path.replace(/\{\w+\}/g, '*')}`,
        );
      }
    });
  });

  describe('user pool', () => {
    it('admits invited coordinators only, signing in by email', () => {
      const [, pool] = only(synth(env).template, 'AWS::Cognito::UserPool');
      expect(pool.Properties).toMatchObject({
        UserPoolName: `sepakat-${env}-coordinators`,
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
        UsernameAttributes: ['email'],
        AutoVerifiedAttributes: ['email'],
        AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
      });
    });

    it('requires a strong password and an authenticator app (TOTP, no SMS)', () => {
      const [, pool] = only(synth(env).template, 'AWS::Cognito::UserPool');
      expect(pool.Properties).toMatchObject({
        MfaConfiguration: 'ON',
        EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
        Policies: {
          PasswordPolicy: {
            MinimumLength: 12,
            RequireLowercase: true,
            RequireUppercase: true,
            RequireNumbers: true,
            RequireSymbols: true,
          },
        },
        UserPoolTier: 'PLUS',
        UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
      });
      expect(pool.Properties.SmsConfiguration).toBeUndefined();
    });

    it('has the region attribute behind the custom:region claim', () => {
      const [, pool] = only(synth(env).template, 'AWS::Cognito::UserPool');
      expect(REGION_CLAIM).toBe('custom:region');
      expect(pool.Properties.Schema).toContainEqual(
        expect.objectContaining({ Name: 'region', AttributeDataType: 'String', Mutable: true }),
      );
    });

    it('has one group per role, named as the API reads them', () => {
      const { template } = synth(env);
      const [poolId] = only(template, 'AWS::Cognito::UserPool');
      const groups = resources(template, 'AWS::Cognito::UserPoolGroup');
      expect(groups.map(([, g]) => g.Properties.GroupName).sort()).toEqual(
        Object.values(GROUPS).sort(),
      );
      expect(Object.values(GROUPS).sort()).toEqual(['host-coordinators', 'partner-coordinators']);
      for (const [, group] of groups) expect(referenced(group.Properties.UserPoolId)).toBe(poolId);
    });

    it('has a web client without a secret: SRP sign-in, 1-hour ID tokens, no OAuth', () => {
      const { template } = synth(env);
      // The CLI's client; the console's (authorization code with PKCE) is test/infra/console.test.ts's.
      const clients = resources(template, 'AWS::Cognito::UserPoolClient');
      expect(clients).toHaveLength(2);
      const webClients = clients.filter(([id]) => id.includes('WebClient'));
      expect(webClients).toHaveLength(1);
      const [clientId, client] = webClients[0] as (typeof clients)[number];
      expect(client.Properties).toMatchObject({
        GenerateSecret: false,
        ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        AllowedOAuthFlowsUserPoolClient: false,
        PreventUserExistenceErrors: 'ENABLED',
        IdTokenValidity: 60,
        TokenValidityUnits: { IdToken: 'minutes' },
      });
      // A coordinator cannot move themselves to another region.
      expect(client.Properties.WriteAttributes).not.toContain(REGION_CLAIM);
      expect(client.Properties.ReadAttributes).toContain(REGION_CLAIM);
      template.hasOutput('CoordinatorUserPoolClientId', { Value: { Ref: clientId } });
      template.hasOutput('CoordinatorUserPoolId', {
        Value: { Ref: only(template, 'AWS::Cognito::UserPool')[0] },
      });
    });
  });
});

describe('environments', () => {
  it('retain and protect the production user pool and the API logs', () => {
    const { template } = synth('prod');
    const [, pool] = only(template, 'AWS::Cognito::UserPool');
    expect([pool.DeletionPolicy, pool.UpdateReplacePolicy]).toEqual(['Retain', 'Retain']);
    expect(pool.Properties.DeletionProtection).toBe('ACTIVE');
    const [, stage] = only(template, 'AWS::ApiGateway::Stage');
    const accessLogs = (stage.Properties.AccessLogSetting as { DestinationArn: unknown })
      .DestinationArn;
    expect(resource(template, referenced(accessLogs)).DeletionPolicy).toBe('Retain');
  });

  it('put a WAF rate rule per address on the action-link routes in production only', () => {
    const { template } = synth('prod');
    const [, acl] = only(template, 'AWS::WAFv2::WebACL');
    expect(acl.Properties).toMatchObject({
      Scope: 'REGIONAL',
      DefaultAction: { Allow: {} },
      Rules: [
        {
          Action: { Block: {} },
          Statement: {
            RateBasedStatement: {
              Limit: ACTION_LINKS_RATE_LIMIT,
              AggregateKeyType: 'IP',
              ScopeDownStatement: {
                ByteMatchStatement: {
                  FieldToMatch: { UriPath: {} },
                  PositionalConstraint: 'STARTS_WITH',
                  SearchString: '/prod/actions/',
                },
              },
            },
          },
          // Sampled requests would show the tokens of the URIs.
          VisibilityConfig: { SampledRequestsEnabled: false },
        },
      ],
    });
    const [, association] = only(template, 'AWS::WAFv2::WebACLAssociation');
    const [stageId] = only(template, 'AWS::ApiGateway::Stage');
    expect(JSON.stringify(association.Properties.ResourceArn)).toContain(stageId);
    expect(Object.keys(template.findResources('AWS::WAFv2::WebACL'))).toHaveLength(1);
    expect(Object.keys(synth('dev').template.findResources('AWS::WAFv2::WebACL'))).toHaveLength(0);
  });

  it('let a development user pool go with its stack', () => {
    const [, pool] = only(synth('dev').template, 'AWS::Cognito::UserPool');
    expect(pool.DeletionPolicy).toBe('Delete');
    expect(pool.Properties.DeletionProtection).toBe('INACTIVE');
  });
});

describe('the AWS Solutions acknowledgements of the API and the user pool', () => {
  it('sit on the constructs they are about, each with a reason', () => {
    const { stack } = synth('dev');
    const found: string[] = [];
    for (const { path, id, reason } of acknowledgements(stack)) {
      if (!/^Sepakat-dev\/(Api|Coordinators)\//.test(path)) continue;
      found.push(`${path.replace(/^Sepakat-dev\//, '')} ${id}`);
      expect([id, reason.length > 60]).toEqual([id, true]);
    }
    const [documentBucketId] = Object.keys(
      synth('dev').template.findResources('AWS::S3::Bucket', {
        Properties: { VersioningConfiguration: { Status: 'Enabled' } },
      }),
    );
    const logs = `arn:<AWS::Partition>:logs:${environmentConfig('dev').awsRegion}:<AWS::AccountId>:log-group:API-Gateway-Execution-Logs_*`;
    const expected = [
      ...API_ROUTES.flatMap((route) => [
        `Api/${constructId(route.name)}/Role AwsSolutions-IAM5[Resource::*]`,
        `Api/${constructId(route.name)}/Function AwsSolutions-L1`,
      ]),
      // The routes that presign or check documents' files may touch their prefix.
      ...API_ROUTES.filter((route) => route.capabilities.some((c) => c.endsWith('Documents'))).map(
        (route) =>
          `Api/${constructId(route.name)}/Role AwsSolutions-IAM5[Resource::<${documentBucketId}.Arn>/agreements/*]`,
      ),
      ...API_ROUTES.filter((route) => !route.auth).flatMap((route) => [
        `Api/Api/Default${route.path}/${route.method} AwsSolutions-APIG4`,
        `Api/Api/Default${route.path}/${route.method} AwsSolutions-COG4`,
      ]),
      'Api/Api/DeploymentStage.dev AwsSolutions-APIG3',
      'Api/CloudWatchRole AwsSolutions-IAM5[Resource::*]',
      `Api/CloudWatchRole AwsSolutions-IAM5[Resource::${logs}]`,
      `Api/CloudWatchRole AwsSolutions-IAM5[Resource::${logs}:log-stream:*]`,
    ];
    expect(found.sort()).toEqual(expected.sort());
  });

  it('do not cover a method added without authorization (the checks can fail)', () => {
    const { stack, checks } = createSepakatApp({
      context: { env: 'dev', 'aws:cdk:bundling-stacks': [] },
    });
    stack.api.api.root
      .addResource('careless')
      .addMethod('GET', new MockIntegration({ integrationResponses: [{ statusCode: '200' }] }));
    const report = checks.validateScope(stack);
    expect(report.success).toBe(false);
    expect(findingsOf(report)).toEqual([
      'AwsSolutions-APIG4 Sepakat-dev/Api/Api/Default/careless/GET/Resource',
      'AwsSolutions-COG4 Sepakat-dev/Api/Api/Default/careless/GET/Resource',
    ]);
  });
});

/** The documents bucket: the one versioned bucket (its access log bucket is not). */
function documentBucketOf(template: Template): string {
  const [id] = Object.keys(
    template.findResources('AWS::S3::Bucket', {
      Properties: { VersioningConfiguration: { Status: 'Enabled' } },
    }),
  );
  return id ?? 'none';
}
