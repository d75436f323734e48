// Validation in the Lambda bundles is zod/mini with zod's English messages (domain/zod.ts), and
// the response schemas that only describe the API (the OpenAPI document) stay out of them.
import { describe, expect, it } from '@jest/globals';
import { API_ROUTES } from '../../functions/api/routes.ts';
import { functionBundles } from '../support/function-bundles.ts';

const VIEW_SCHEMAS = [
  'functions/api/views.ts',
  'functions/api/document-views.ts',
  'functions/api/report-views.ts',
  'functions/api/openapi.ts',
];

describe('zod in the bundles', () => {
  it('is zod/mini with the English messages, without the view schemas', async () => {
    let validating = 0;
    for (const { name, inputs } of await functionBundles({ minify: true })) {
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
  }, 120_000);
});
