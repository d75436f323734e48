// Validation in the Lambda bundles is zod/mini with zod's English messages (domain/zod.ts), the
// response schemas that only describe the API (the OpenAPI document) stay out of them, and each
// function holds only the input schemas it parses with: zod builds every schema of a module when
// the module loads, so a schema module held is a cold start's work.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { API_ROUTES } from '../../functions/api/routes.ts';
import { functionBundles, type FunctionBundle } from '../support/function-bundles.ts';

const VIEW_SCHEMAS = [
  'functions/api/views.ts',
  'functions/api/document-views.ts',
  'functions/api/report-views.ts',
  'functions/api/openapi.ts',
];

describe('zod in the bundles', () => {
  let bundles: FunctionBundle[] = [];
  beforeAll(async () => {
    bundles = await functionBundles({ minify: true });
  }, 120_000);

  it('is zod/mini with the English messages, without the view schemas', () => {
    let validating = 0;
    for (const { name, inputs } of bundles) {
      const zod = (path: string) =>
        inputs.some((input) => input.includes(`node_modules/zod/${path}`));
      const validates = zod('v4/core/schemas.js');
      if (validates) validating += 1;
      expect({
        function: name,
        classic: zod('v4/classic/'),
        // zod/mini loads no locale: without en every default message would be "Invalid input".
        english: zod('v4/locales/en.js'),
        otherLocales: inputs.filter(
          (input) => input.includes('node_modules/zod/v4/locales/') && !input.endsWith('/en.js'),
        ),
        views: inputs.filter((input) => VIEW_SCHEMAS.includes(input)),
      }).toEqual({
        function: name,
        classic: false,
        english: validates,
        otherLocales: [],
        views: [],
      });
    }
    // The routes that take a body or a query validate it.
    const withInput = API_ROUTES.filter((route) => route.body ?? route.query).length;
    expect(validating).toBeGreaterThanOrEqual(withInput);
  });

  it('holds each input schema module only in the functions that parse with it', () => {
    const holders = (module: string) =>
      bundles
        .filter((bundle) => bundle.inputs.includes(module))
        .map((bundle) => bundle.name)
        .sort();
    expect(holders('domain/schemas.ts')).toEqual(['create-agreement']);
    expect(holders('domain/milestone-schemas.ts')).toEqual([
      'answer-action',
      'confirm-report',
      'create-agreement',
      'record-milestone',
      'reject-report',
      'replace-contacts',
    ]);
    expect(holders('domain/command-schemas.ts')).toEqual(['cancel-agreement', 'resume-nudges']);
    expect(holders('domain/query-schemas.ts')).toEqual([
      'cycle-times',
      'export-agreements',
      'get-report-summary',
      'list-agreements',
    ]);
  });
});
