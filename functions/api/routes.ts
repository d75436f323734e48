// The HTTP API, listed once: the CDK stack builds an API Gateway method and a Lambda function
// per route, the local HTTP adapter routes to the same handlers, and the OpenAPI document is
// generated from the same schemas the handlers validate with.
import type * as z from '../../domain/zod.ts';
import { documentRequestSchema, withdrawDocumentSchema } from '../../domain/document-schemas.ts';
import {
  actionAnswerSchema,
  confirmReportSchema,
  rejectReportSchema,
  replaceContactsSchema,
} from '../../domain/action-schemas.ts';
import { listAgreementsQuerySchema, reportSummaryQuerySchema } from '../../domain/query-schemas.ts';
import { cancelAgreementSchema } from '../../domain/command-schemas.ts';
import { milestoneSchema } from '../../domain/milestone-schemas.ts';
import { createAgreementSchema } from '../../domain/schemas.ts';
import { pageQuerySchema } from '../../domain/page-query.ts';
import type { Capability } from '../workflow-tasks.ts';
import type { ApiOptions, FunctionEnvironment } from '../shared/environment.ts';
import type { ApiHandler } from './http.ts';

export interface ApiRoute {
  /** Also the Lambda function's name suffix and the OpenAPI operationId. */
  name: string;
  method: 'GET' | 'POST' | 'PUT';
  /** API Gateway resource path, with `{id}` parameters. */
  path: string;
  entry: string;
  summary: string;
  /** Whether a signed-in coordinator is required (all but /health and /openapi.json). */
  auth: boolean;
  capabilities: Capability[];
  environment: string[];
  body?: z.ZodMiniType;
  query?: () => Promise<z.ZodMiniType>;
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
      | 'document'
      | 'documents'
      | 'upload'
      | 'download'
      | 'action'
      | 'actionResult'
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
const WRITE_RECORDS: Capability[] = ['readTable', 'writeTable'];
/** Every route answers browsers on these origins (comma-separated). */
const CORS = 'ALLOWED_ORIGINS';
const TABLE = [CORS, 'TABLE_NAME'];
const WORKFLOW = [CORS, 'TABLE_NAME', 'STATE_MACHINE_ARN'];
/** The documents' records; the routes that presign or read files name the bucket too. */
const DOCUMENT_RECORDS = [...TABLE, 'DOCUMENT_MAX_BYTES'];
const DOCUMENT_FILES = [...DOCUMENT_RECORDS, 'DOCUMENT_BUCKET'];
/** The public routes behind a nudge's action link. */
const ACTION = [CORS, 'TABLE_NAME'];

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
      'List agreements by stage, province, partner region, stalled, needs attention, dormancy or text; newest or longest waiting first',
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
    query: () => Promise.resolve(pageQuerySchema),
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
    name: 'resume-nudges',
    method: 'POST',
    path: '/agreements/{id}/nudges/resume',
    entry: 'functions/api/resume-nudges.ts',
    summary:
      'Wake the dormant waits of an agreement (its reminders ended unanswered) with a fresh ladder',
    auth: true,
    capabilities: WRITE,
    environment: WORKFLOW,
    success: { status: 202, description: 'The agreement, its waits awake', view: 'agreement' },
    problems: [400, 404, 409, 413, 415, 422],
    idempotent: true,
    load: () => import('./resume-nudges.ts'),
  },
  {
    name: 'request-upload',
    method: 'POST',
    path: '/agreements/{id}/documents',
    entry: 'functions/api/request-upload.ts',
    summary:
      'Announce a document (kind, file name, type, size, SHA-256) and get a presigned URL to upload its file to',
    auth: true,
    capabilities: ['readTable', 'writeTable', 'uploadDocuments'],
    environment: DOCUMENT_FILES,
    body: documentRequestSchema,
    success: { status: 201, description: 'The pending document and its upload', view: 'upload' },
    problems: [400, 404, 409, 413, 415],
    load: () => import('./request-upload.ts'),
  },
  {
    name: 'complete-upload',
    method: 'POST',
    path: '/agreements/{id}/documents/{documentId}/complete',
    entry: 'functions/api/complete-upload.ts',
    summary:
      'Check the uploaded file (size, SHA-256, that it is what its type says) and attach it; a file that does not match is deleted (422)',
    auth: true,
    capabilities: ['readTable', 'writeTable', 'readDocuments', 'checkDocuments'],
    environment: [...DOCUMENT_FILES, 'DOCUMENT_RETENTION_DAYS'],
    success: { status: 200, description: 'The attached document', view: 'document' },
    problems: [404, 409, 422],
    load: () => import('./complete-upload.ts'),
  },
  {
    name: 'list-documents',
    method: 'GET',
    path: '/agreements/{id}/documents',
    entry: 'functions/api/list-documents.ts',
    summary: 'The attached and withdrawn documents of an agreement, oldest first',
    auth: true,
    capabilities: READ,
    environment: DOCUMENT_RECORDS,
    query: () => Promise.resolve(pageQuerySchema),
    success: { status: 200, description: 'A page of documents', view: 'documents' },
    problems: [400, 404],
    load: () => import('./list-documents.ts'),
  },
  {
    name: 'get-document',
    method: 'GET',
    path: '/agreements/{id}/documents/{documentId}',
    entry: 'functions/api/get-document.ts',
    summary: 'One document, with a short-lived URL that downloads its file',
    auth: true,
    capabilities: ['readTable', 'readDocuments'],
    environment: DOCUMENT_FILES,
    success: { status: 200, description: 'The document and its download URL', view: 'download' },
    problems: [404],
    load: () => import('./get-document.ts'),
  },
  {
    name: 'withdraw-document',
    method: 'POST',
    path: '/agreements/{id}/documents/{documentId}/withdraw',
    entry: 'functions/api/withdraw-document.ts',
    summary: 'Withdraw a document with a reason; the history keeps it, the file is not deleted',
    auth: true,
    capabilities: WRITE_RECORDS,
    environment: DOCUMENT_RECORDS,
    body: withdrawDocumentSchema,
    success: { status: 200, description: 'The withdrawn document', view: 'document' },
    problems: [400, 404, 409, 413, 415],
    load: () => import('./withdraw-document.ts'),
  },
  {
    name: 'confirm-report',
    method: 'POST',
    path: '/agreements/{id}/reports/{reportId}/confirm',
    entry: 'functions/api/confirm-report.ts',
    summary:
      'Confirm an official’s report (with corrections, if any): it becomes the milestone, naming the official and the coordinator',
    auth: true,
    capabilities: WRITE,
    environment: WORKFLOW,
    body: confirmReportSchema,
    success: { status: 200, description: 'The agreement with the milestone', view: 'agreement' },
    problems: [400, 404, 409, 413, 415, 422],
    idempotent: true,
    load: () => import('./confirm-report.ts'),
  },
  {
    name: 'reject-report',
    method: 'POST',
    path: '/agreements/{id}/reports/{reportId}/reject',
    entry: 'functions/api/reject-report.ts',
    summary: 'Reject an official’s report, with the reason',
    auth: true,
    // The wait goes on as it was: nothing to tell the workflow.
    capabilities: WRITE_RECORDS,
    environment: TABLE,
    body: rejectReportSchema,
    success: { status: 200, description: 'The agreement without the report', view: 'agreement' },
    problems: [400, 404, 409, 413, 415, 422],
    idempotent: true,
    load: () => import('./reject-report.ts'),
  },
  {
    name: 'replace-contacts',
    method: 'PUT',
    path: '/agreements/{id}/contacts',
    entry: 'functions/api/replace-contacts.ts',
    summary:
      'Replace the contacts (a partner’s coordinator: those of its own side); the next nudge goes to them',
    auth: true,
    capabilities: WRITE,
    environment: WORKFLOW,
    body: replaceContactsSchema,
    success: { status: 200, description: 'The agreement with its new contacts', view: 'agreement' },
    problems: [400, 404, 409, 413, 415, 422],
    idempotent: true,
    load: () => import('./replace-contacts.ts'),
  },
  {
    name: 'get-action',
    method: 'GET',
    path: '/actions/{token}',
    entry: 'functions/api/get-action.ts',
    summary:
      'What a nudge’s action link is about: the agreement, what is awaited, the answers allowed. Changes nothing',
    auth: false,
    capabilities: READ,
    environment: ACTION,
    success: { status: 200, description: 'The action', view: 'action' },
    problems: [404],
    load: () => import('./get-action.ts'),
  },
  {
    name: 'answer-action',
    method: 'POST',
    path: '/actions/{token}',
    entry: 'functions/api/answer-action.ts',
    summary:
      'An official’s answer through an action link: DONE, OBSTACLE or WRONG_PERSON; the link is then spent',
    auth: false,
    capabilities: ['readTable', 'writeTable', 'sendEmail'],
    environment: [...ACTION, 'MAX_PAUSE_DAYS', 'SENDER_EMAIL', 'SES_CONFIGURATION_SET'],
    body: actionAnswerSchema,
    success: { status: 200, description: 'What was recorded', view: 'actionResult' },
    problems: [400, 404, 409, 413, 415],
    load: () => import('./answer-action.ts'),
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
