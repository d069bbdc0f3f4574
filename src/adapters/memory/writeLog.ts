/**
 * Triage decisions that survive a reload: every write an adapter applied
 * (status changes, Ignore rules, blocks, work items) is logged to a small
 * storage, and replayed in order onto a fresh adapter over the same seeded
 * dataset when the page starts again. The log, not a snapshot: it goes
 * through the adapter's own validation on replay, so a restored state is one
 * the adapter could have reached, whatever the storage holds.
 *
 * Replay adjusts what depends on the session: block durations keep their
 * original expiry (an expired block is dropped), rule and block ids the new
 * session issues are mapped for later deletes, and a bulk change's `asOf`
 * (a revision of the old session) is dropped. An entry the fresh adapter
 * refuses (an expired rule, an activity that only live traffic had created)
 * is left out of the log from then on.
 */
import type { ThreatDeckAdapter } from '../../core/adapter';

/** Where the log is kept (IndexedDB in the demo; any key → value store will do). */
export interface WriteLogStorage {
  load(key: string): Promise<unknown>;
  save(key: string, value: LoggedWrite[]): Promise<void>;
  remove(key: string): Promise<void>;
}

export type LoggedMethod =
  | 'setStatus' | 'setStatusByQuery' | 'ignore' | 'deleteSuppressionRule' | 'block' | 'unblock' | 'createWorkItem'
  | 'assignActivities' | 'addNote' | 'addNotes';
const LOGGED: readonly LoggedMethod[] = [
  'setStatus', 'setStatusByQuery', 'ignore', 'deleteSuppressionRule', 'block', 'unblock', 'createWorkItem',
  // Case handling: the team's assignments and notes survive a reload too.
  'assignActivities', 'addNote', 'addNotes',
];

export interface LoggedWrite {
  method: LoggedMethod;
  /** The call's parameters without `signal` (plain data). */
  params: Record<string, unknown>;
  /**
   * A rule or block the write created, under a reference of the log's own
   * (`ref-N`): each session issues its own ids, so later deletes name this
   * reference and are mapped to the id of the session replaying them.
   */
  createdId?: string;
  /** A block's expiry (null: permanent). */
  expiresAt?: number | null;
}

/** The most writes kept: a demo log, bounded so a storage read stays small. */
export const MAX_LOGGED_WRITES = 5_000;

/** Entries of a stored value that have the shape of a logged write; anything else (old format, tampering) is dropped. */
export function parseWriteLog(value: unknown): LoggedWrite[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (e): e is LoggedWrite =>
      !!e && typeof e === 'object' && LOGGED.includes((e as LoggedWrite).method) && !!(e as LoggedWrite).params && typeof (e as LoggedWrite).params === 'object',
  );
}

export interface PersistedWrites {
  /** The adapter whose writes are logged. */
  adapter: ThreatDeckAdapter;
  /** How many logged writes were restored at start. */
  restored: number;
  /** Forgets every logged write (the caller then starts a fresh adapter, e.g. by reloading). */
  reset(): Promise<void>;
}

type AnyWrite = (params: Record<string, unknown>) => Promise<unknown>;

/**
 * Replays the stored log onto `adapter` (fresh, over the same dataset), then
 * returns it wrapped so that each write it applies from now on is appended.
 * `now` is the clock block expiries are measured on.
 */
export async function persistWrites(
  adapter: ThreatDeckAdapter,
  { storage, key, now = Date.now }: { storage: WriteLogStorage; key: string; now?: () => number },
): Promise<PersistedWrites> {
  const signal = new AbortController().signal;
  const refs = new References();
  const log: LoggedWrite[] = [];
  let stored: unknown;
  try {
    stored = await storage.load(key);
  } catch {
    stored = undefined; // an unreadable storage starts clean rather than not at all
  }
  const entries = parseWriteLog(stored);
  refs.reserve(entries);
  for (const entry of entries) {
    const fn = adapter[entry.method] as AnyWrite | undefined;
    const params = replayParams(entry, refs, now());
    if (!fn || !params) continue;
    try {
      const result = await fn.call(adapter, { ...params, signal });
      const { asOf: _asOf, ...kept } = entry.params;
      log.push(record(entry.method, kept, result, refs, entry.createdId));
    } catch {
      // Refused now (see the file comment): the entry is dropped.
    }
  }

  let saving = Promise.resolve();
  const persist = () => {
    const copy = log.slice(-MAX_LOGGED_WRITES);
    // One save at a time, in order: the last write's log is the one that stays.
    saving = saving.then(() => storage.save(key, copy)).catch(() => undefined);
    return saving;
  };
  if (log.length !== entries.length) void persist();

  const seenKeys = new Set(log.map((e) => e.params.idempotencyKey).filter((k) => typeof k === 'string'));
  const wrapped: ThreatDeckAdapter = { ...adapter };
  for (const method of LOGGED) {
    const fn = adapter[method] as AnyWrite | undefined;
    if (!fn) continue;
    (wrapped as unknown as Record<string, AnyWrite>)[method] = async (params) => {
      const result = await fn.call(adapter, params);
      const { signal: _signal, principal: _principal, ...data } = params;
      // A dry run changes nothing; a retry under the same key replayed the first outcome.
      const key = data.idempotencyKey;
      if (data.dryRun === true || (typeof key === 'string' && seenKeys.has(key))) return result;
      if (typeof key === 'string') seenKeys.add(key);
      log.push(record(method, refs.toReference(method, plain(data)), result, refs));
      void persist();
      return result;
    };
  }

  return {
    adapter: wrapped,
    restored: log.length,
    async reset() {
      log.length = 0;
      await saving;
      await storage.remove(key);
    },
  };
}

/** Plain data only (what IndexedDB and JSON both keep). */
const plain = (data: Record<string, unknown>) => JSON.parse(JSON.stringify(data)) as Record<string, unknown>;

/** Log references (`ref-N`) ↔ the ids this session's adapter issued. */
class References {
  private readonly current = new Map<string, string>();
  private readonly reference = new Map<string, string>();
  private next = 1;
  reserve(entries: readonly LoggedWrite[]): void {
    for (const e of entries) {
      const n = /^ref-(\d{1,9})$/.exec(e.createdId ?? '');
      if (n) this.next = Math.max(this.next, Number(n[1]) + 1);
    }
  }
  link(reference: string | undefined, id: string): string {
    const ref = reference ?? `ref-${this.next++}`;
    this.current.set(ref, id);
    this.reference.set(id, ref);
    return ref;
  }
  idOf(reference: string): string | undefined {
    return this.current.get(reference);
  }
  /** A new delete names this session's id: logged under the reference. */
  toReference(method: LoggedMethod, params: Record<string, unknown>): Record<string, unknown> {
    const field = method === 'unblock' ? 'blockId' : method === 'deleteSuppressionRule' ? 'ruleId' : null;
    const ref = field && typeof params[field] === 'string' ? this.reference.get(params[field] as string) : undefined;
    return field && ref ? { ...params, [field]: ref } : params;
  }
}

/** The entry as it must be sent now, or null when it no longer applies. */
function replayParams(entry: LoggedWrite, ids: References, now: number): Record<string, unknown> | null {
  const p = { ...entry.params };
  switch (entry.method) {
    case 'setStatusByQuery':
      delete p.asOf;
      if (p.dryRun === true) return null;
      return p;
    case 'assignActivities':
    case 'addNotes': {
      // A bound of the old session means nothing to this one (as for setStatusByQuery).
      const target = p.target && typeof p.target === 'object' ? { ...(p.target as Record<string, unknown>) } : p.target;
      if (target && typeof target === 'object') delete (target as Record<string, unknown>).asOf;
      return { ...p, target };
    }
    case 'block': {
      const expiresAt = entry.expiresAt;
      if (typeof expiresAt === 'number') {
        if (expiresAt <= now) return null;
        p.durationMs = expiresAt - now;
      }
      return p;
    }
    case 'unblock':
    case 'deleteSuppressionRule': {
      const field = entry.method === 'unblock' ? 'blockId' : 'ruleId';
      const mapped = typeof p[field] === 'string' ? ids.idOf(p[field] as string) : undefined;
      if (mapped === undefined) return null;
      p[field] = mapped;
      return p;
    }
    default:
      return p;
  }
}

/** The log entry for an applied write; `reference` is the log's name for what a replayed entry created. */
function record(method: LoggedMethod, params: Record<string, unknown>, result: unknown, refs: References, reference?: string): LoggedWrite {
  const entry: LoggedWrite = { method, params };
  const created =
    method === 'ignore' ? (result as { rule?: { id?: unknown } })?.rule?.id : method === 'block' ? (result as { blockId?: unknown })?.blockId : undefined;
  if (typeof created === 'string') entry.createdId = refs.link(reference, created);
  if (method === 'block') {
    const expiresAt = (result as { expiresAt?: unknown })?.expiresAt;
    entry.expiresAt = typeof expiresAt === 'number' ? expiresAt : null;
  }
  return entry;
}
