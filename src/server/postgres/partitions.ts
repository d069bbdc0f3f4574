/**
 * Attempt partitions (one per UTC month) are made ahead of the writes that
 * need them, each in its own short statement: creating a partition locks the
 * parent table, which inside a long ingest transaction would stall every
 * reader of attempts until it commits. Known months are cached per process.
 */
import type { Pool } from 'pg';

export function createPartitionKeeper(pool: Pool) {
  const known = new Set<number>();
  return async function ensureMonths(months: number[]): Promise<void> {
    for (const m of months) {
      if (known.has(m)) continue;
      await pool.query('SELECT td_ensure_attempt_partition($1::bigint)', [m]);
      known.add(m);
    }
  };
}
