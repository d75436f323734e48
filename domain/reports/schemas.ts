// The reports' query parameters, validated by the API and described by the OpenAPI document.
import * as z from '../zod.ts';
import { listAgreementsQuerySchema, provinceCodeSchema } from '../query-schemas.ts';
import { appIdSchema, isoDate } from '../schema-parts.ts';

export const cycleTimesQuerySchema = z
  .strictObject({
    from: z.optional(isoDate),
    to: z.optional(isoDate),
    province: z.optional(provinceCodeSchema),
    app: z.optional(appIdSchema),
  })
  .check(
    z.refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, {
      message: 'must not be before from',
      path: ['to'],
    }),
  );

export type CycleTimesQuery = z.infer<typeof cycleTimesQuerySchema>;

/**
 * GET /agreements/export: every filter of the list (its own schema, without the paging), the
 * format, and whether to add a sheet per application (XLSX).
 */
export const exportQuerySchema = z
  .extend(z.omit(listAgreementsQuerySchema, { limit: true, cursor: true }), {
    format: z._default(z.enum(['csv', 'xlsx']), 'csv'),
    sheets: z.optional(z.enum(['apps'], { message: 'must be apps (a sheet per application)' })),
  })
  .check(
    z.refine((q) => q.sheets === undefined || q.format === 'xlsx', {
      message: 'only an xlsx file has sheets',
      path: ['sheets'],
    }),
  );
