/** Field schemas every record schema is built from (schemas.ts, caseSchemas.ts, pivotSchemas.ts). */
import * as v from 'valibot';

export const count = v.pipe(v.number(), v.safeInteger(), v.minValue(0));
export const timestamp = v.pipe(v.number(), v.finite());
export const optionalString = v.optional(v.string());
/** A cursor page: `{ items, total, nextCursor }`. */
export const pageOf = <S extends v.GenericSchema>(item: S) => v.object({ items: v.array(item), total: count, nextCursor: v.nullable(v.string()) });
