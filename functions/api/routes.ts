// The HTTP API, listed once: the CDK stack builds an API Gateway method and a Lambda function
// per route, the local HTTP adapter routes to the same handlers, and the OpenAPI document is
// generated from the same schemas the handlers validate with.
import type { z } from 'zod';
import {
  cancelAgreementSchema,
  createAgreementSchema,
  listAgreementsQuerySchema,
  milestoneSchema,
  reportSummaryQuerySchema,
} from '../../domain/schemas.ts';
import type { Capability } from '../workflow-tasks.ts';
import type { ApiOptions, FunctionEnvironment } from '../shared/environment.ts';
import type { ApiHandler } from './http.ts';

export interface ApiRoute {
  /** Also the Lambda function's name suffix and the OpenAPI operationId. */
  name: string;
  method: 'GET' | 'POST';
  /** API Gateway resource path, with `{id}` parameters. */
  path: string;
  entry: string;
  summary: string;
  /** Whether a signed-in coordinator is required (all but /health and /openapi.json). */
  auth: boolean;
  capabilities: Capability[];
  environment: string[];
  body?: z.ZodType;
  query?: () => Promise<z.ZodType>;
  /** Success status and what it returns (a schema name from views.ts). */
  success: {
    status: number;
    description: string;
    view:
      | 'agreement'
      | 'agreements'
      | 'history'
      | 'summary'
      | 'apps'
      | 'regions'
      | 'health'
      | 'openapi'
      | 'cycleTimes'
      | 'export';
  };
  /** Statuses of the problems this route may answer with, besides 401/403/500. */
  problems: number[];
  idempotent?: boolean;
  load: () => Promise<{
    createHandler: (env: FunctionEnvironment, options?: ApiOptions) => ApiHandler;
  }>;
}

const READ: Capability[] = ['readTable'];
const WRITE: Capability[] = ['readTable', 'writeTable', 'startExecutions', 'completeTasks'];
/** Every route answers browsers on these origins (comma-separated). */
const CORS = 'ALLOWED_ORIGINS';
const TABLE = [CORS, 'TABLE_NAME'];
const WORKFLOW = [CORS, 'TABLE_NAME', 'STATE_MACHINE_ARN'];

export const API_ROUTES: ApiRoute[] = [
  {
    name: 'create-agreement',
    method: 'POST',
    path: '/agreements',
    entry: 'functions/api/create-agreement.ts',
    summary:
      'Register an agreement (optionally with the milestones it already reached) and start its workflow',
    auth: true,
    capabilities: WRITE,
    environment: [...WORKFLOW, 'HOST_REGION_CODE', 'REMINDER_POLICY'],
    body: createAgreementSchema,
    success: { status: 201, description: 'The agreement, as stored', view: 'agreement' },
    problems: [400, 413, 415, 422, 503],
    idempotent: true,
    load: () => import('./create-agreement.ts'),
  },
  {
    name: 'list-agreements',
    method: 'GET',
    path: '/agreements',
    entry: 'functions/api/list-agreements.ts',
    summary:
      'List agreements by stage, province, partner region, stalled, needs attention or text; newest or longest waiting first',
    auth: true,
    capabilities: READ,
    environment: TABLE,
    query: () => Promise.resolve(listAgreementsQuerySchema),
    success: { status: 200, description: 'A page of agreements', view: 'agreements' },
    problems: [400],
    load: () => import('./list-agreements.ts'),
  },
  {
    name: 'export-agreements',
    method: 'GET',
    path: '/agreements/export',
    entry: 'functions/api/export-agreements.ts',
    summary:
      'The agreement list, with any filter of the list, as a CSV or XLSX file (one row per agreement; in XLSX optionally a sheet per application)',
    auth: true,
    capabilities: READ,
    environment: TABLE,
    query: async () => (await import('../../domain/reports/schemas.ts')).exportQuerySchema,
    success: { status: 200, description: 'The file', view: 'export' },
    problems: [400, 413],
    load: () => import('./export-agreements.ts'),
  },
  {
    name: 'get-agreement',
    method: 'GET',
    path: '/agreements/{id}',
    entry: 'functions/api/get-agreement.ts',
    summary: 'One agreement: stage, applications, milestones, next reminder',
    auth: true,
    capabilities: READ,
    environment: TABLE,
    success: { status: 200, description: 'The agreement', view: 'agreement' },
    problems: [404],
    load: () => import('./get-agreement.ts'),
  },
  {
    name: 'record-milestone',
    method: 'POST',
    path: '/agreements/{id}/milestones',
    entry: 'functions/api/record-milestone.ts',
    summary: 'Record a milestone; the workflow resumes asynchronously',
    auth: true,
    capabilities: WRITE,
    environment: WORKFLOW,
    body: milestoneSchema,
    success: { status: 202, description: 'The agreement with the milestone', view: 'agreement' },
    problems: [400, 404, 409, 413, 415, 422],
    idempotent: true,
    load: () => import('./record-milestone.ts'),
  },
  {
    name: 'get-history',
    method: 'GET',
    path: '/agreements/{id}/history',
    entry: 'functions/api/get-history.ts',
    summary: 'Every milestone, stage change, reminder, escalation and failure, oldest first',
    auth: true,
    capabilities: READ,
    environment: TABLE,
    query: async () => (await import('./get-history.ts')).historyQuerySchema,
    success: { status: 200, description: 'A page of the history', view: 'history' },
    problems: [400, 404],
    load: () => import('./get-history.ts'),
  },
  {
    name: 'cancel-agreement',
    method: 'POST',
    path: '/agreements/{id}/cancel',
    entry: 'functions/api/cancel-agreement.ts',
    summary: 'Cancel an agreement; later milestones are refused',
    auth: true,
    capabilities: WRITE,
    environment: WORKFLOW,
    body: cancelAgreementSchema,
    success: { status: 200, description: 'The cancelled agreement', view: 'agreement' },
    problems: [400, 404, 409, 413, 415, 422],
    idempotent: true,
    load: () => import('./cancel-agreement.ts'),
  },
  {
    name: 'get-report-summary',
    method: 'GET',
    path: '/reports/summary',
    entry: 'functions/api/get-report-summary.ts',
    summary:
      'The dashboard: agreements per stage, the stalled ones, those needing attention, upcoming trainings, recent activity',
    auth: true,
    capabilities: READ,
    environment: TABLE,
    query: () => Promise.resolve(reportSummaryQuerySchema),
    success: {
      status: 200,
      description: 'The summary of what the caller may see',
      view: 'summary',
    },
    problems: [400],
    load: () => import('./get-report-summary.ts'),
  },
  {
    name: 'cycle-times',
    method: 'GET',
    path: '/reports/cycle-times',
    entry: 'functions/api/cycle-times.ts',
    summary:
      'Days spent in each stage (median, 90th percentile), ages of those still in it, nudges before each milestone, share live; overall, by year of MoU, province and application',
    auth: true,
    capabilities: READ,
    environment: TABLE,
    query: async () => (await import('../../domain/reports/schemas.ts')).cycleTimesQuerySchema,
    success: { status: 200, description: 'The cycle-time report', view: 'cycleTimes' },
    problems: [400],
    load: () => import('./cycle-times.ts'),
  },
  {
    name: 'list-apps',
    method: 'GET',
    path: '/apps',
    entry: 'functions/api/list-apps.ts',
    summary: 'The application catalog',
    auth: true,
    capabilities: [],
    environment: [CORS],
    success: { status: 200, description: 'The applications', view: 'apps' },
    problems: [],
    load: () => import('./list-apps.ts'),
  },
  {
    name: 'search-regions',
    method: 'GET',
    path: '/regions',
    entry: 'functions/api/search-regions.ts',
    summary: 'Search the official Kemendagri regions by name or code',
    auth: true,
    capabilities: [],
    environment: [CORS],
    query: async () => (await import('./search-regions.ts')).regionQuerySchema,
    success: { status: 200, description: 'Matching regions', view: 'regions' },
    problems: [400],
    load: () => import('./search-regions.ts'),
  },
  {
    name: 'get-openapi',
    method: 'GET',
    path: '/openapi.json',
    entry: 'functions/api/get-openapi.ts',
    summary: 'This API, as an OpenAPI 3.1 document',
    auth: false,
    capabilities: [],
    environment: [CORS],
    success: { status: 200, description: 'The OpenAPI document', view: 'openapi' },
    problems: [],
    load: () => import('./get-openapi.ts'),
  },
  {
    name: 'health',
    method: 'GET',
    path: '/health',
    entry: 'functions/api/health.ts',
    summary: 'Liveness',
    auth: false,
    capabilities: [],
    environment: [CORS],
    success: { status: 200, description: 'The API answers', view: 'health' },
    problems: [],
    load: () => import('./health.ts'),
  },
];
