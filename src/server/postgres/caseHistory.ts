/** History rows, appended in the transaction of the write they record (see caseSchema.ts). */
import type { HistoryKind } from '../../core/cases';
import type { WriteContext } from './database';

/** Appends one history row per activity, all by the writer of `ctx` at its time. */
export async function recordHistory(ctx: WriteContext, kind: HistoryKind, entries: readonly { activityId: string; detail: object }[]): Promise<void> {
  if (entries.length === 0) return;
  await ctx.client.query(
    `INSERT INTO td_history (activity_id, kind, who, at, detail)
     SELECT id, $2, $3, $4, detail FROM unnest($1::text[], $5::jsonb[]) AS u(id, detail)`,
    [entries.map((e) => e.activityId), kind, ctx.who, ctx.now, entries.map((e) => JSON.stringify(e.detail))],
  );
}
