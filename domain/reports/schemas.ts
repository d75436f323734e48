// The reports' query parameters, validated by the API and described by the OpenAPI document.
import * as z from 'zod';
import { appIdSchema, isoDate, listAgreementsQuerySchema, provinceCodeSchema } from '../schemas.ts';

export const cycleTimesQuerySchema = z
  .strictObject({
    from: isoDate.optional(),
    to: isoDate.optional(),
    province: provinceCodeSchema.optional(),
    app: appIdSchema.optional(),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, {
    message: 'must not be before from',
    path: ['to'],
  });

export type CycleTimesQuery = z.infer<typeof cycleTimesQuerySchema>;

/**
 * GET /agreements/export: every filter of the list (its own schema, without the paging), the
 * format, and whether to add a sheet per application (XLSX).
 */
export const exportQuerySchema = listAgreementsQuerySchema
  .omit({ limit: true, cursor: true })
  .extend({
    format: z.enum(['csv', 'xlsx']).default('csv'),
    sheets: z.enum(['apps'], { message: 'must be apps (a sheet per application)' }).optional(),
  })
  .refine((q) => q.sheets === undefined || q.format === 'xlsx', {
    message: 'only an xlsx file has sheets',
    path: ['sheets'],
  });
