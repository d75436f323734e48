// The reports' query parameters, validated by the API and described by the OpenAPI document.
import * as z from 'zod';
import { findRegion } from '../regions/regions.ts';
import { appIdSchema, isoDate } from '../schemas.ts';

export const provinceCodeSchema = z
  .string()
  .regex(/^\d{2}$/, { message: 'must be a Kemendagri province code such as "61"', abort: true })
  .refine((code) => findRegion(code) !== undefined, 'is not a known Kemendagri province code');

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
