// The paging query parameters, apart from the other schemas: the routes that take nothing else
// (the history, the documents) parse with these alone, without the region and catalog lookups.
import * as z from './zod.ts';

/** An integer query parameter from `min` to `max` (query strings carry text). */
export const queryInt = (min: number, max: number) =>
  z.coerce.number().check(z.int(), z.minimum(min), z.maximum(max));

/** Where the previous page ended: the opaque `nextCursor` of its answer. */
export const cursorSchema = z.string().check(z.minLength(1), z.maxLength(2000));

/** A page of a long list (the history, the documents), oldest first. */
export const pageQuerySchema = z.strictObject({
  limit: z._default(queryInt(1, 100), 100),
  cursor: z.optional(cursorSchema),
});
