/**
 * Live events across processes: one dedicated connection per adapter LISTENs
 * on the live channel (a pooled connection cannot hold a LISTEN). A payload
 * names the rows; the listener reads them (on the primary, so a lagging
 * replica cannot hide a change) and hands each subscriber the activities
 * its query matches. The connection is opened with the first subscriber,
 * re-opened after a drop (subscribers hear of the drop through onError),
 * and closed with the last.
 */
import pg from 'pg';
import type { LiveEvent, SubscribeParams } from '../../core/adapter';
import type { Activity } from '../../core/model';
import { resolveTimeRange, type ActivityQuery } from '../../core/query';
import { AdapterError } from '../../core/errors';
import { matchesAssignee } from '../../core/cases';
import { ACTIVITY_COLUMNS, blockJoin, rowToActivity, searchTextOf, type ActivityRow } from './activityRows';
import { LIVE_CHANNEL } from './database';
import { parseLivePayload, type LivePayload } from './livePayloads';

interface Subscriber {
  query: ActivityQuery;
  onEvent: SubscribeParams['onEvent'];
  onError?: SubscribeParams['onError'];
}

/** The same test as the list's SQL (queryToSql.ts), on one activity. */
export function activityMatches(a: Activity, q: ActivityQuery, now: number): boolean {
  const f = q.filters;
  if (a.status !== q.status) return false;
  if (f.actor.length && !f.actor.includes(a.actor.ip)) return false;
  if (f.url.length && !f.url.includes(a.endpoint.path)) return false;
  if (f.host.length && !f.host.includes(a.endpoint.host)) return false;
  if (f.type.length && !f.type.includes(a.type)) return false;
  if (f.subcategory.length && !f.subcategory.includes(a.subcategory)) return false;
  if (f.severity.length && !f.severity.includes(a.severity)) return false;
  if (f.successfulExploit.length === 1 && (f.successfulExploit[0] === 'yes') !== a.successfulExploit) return false;
  // `me` arrives resolved (resolveAssignee); left as `me`, there is no current user and it matches nothing.
  if (q.assignee !== undefined && !matchesAssignee(a.assigneeId, q.assignee, undefined)) return false;
  const range = resolveTimeRange(q.time, now);
  if (range && (a.lastSeen < range.from || a.lastSeen > range.to)) return false;
  const search = q.search.trim().toLowerCase();
  return search === '' || searchTextOf(a).includes(search);
}

export interface LiveListener {
  add(sub: Subscriber, signal: AbortSignal): Promise<void>;
  close(): Promise<void>;
}

export function createLiveListener(options: { pool: pg.Pool; now: () => number; connectionString?: string | undefined }): LiveListener {
  const { pool, now } = options;
  const subscribers = new Set<Subscriber>();
  let client: pg.Client | null = null;
  let connecting: Promise<void> | null = null;
  let chain: Promise<void> = Promise.resolve();
  let closed = false;
  let retry: ReturnType<typeof setTimeout> | null = null;

  const fail = (error: unknown) => {
    for (const s of subscribers) s.onError?.(error);
  };

  async function deliver(payload: LivePayload): Promise<void> {
    if (payload.t === 's') {
      const event: LiveEvent = { type: 'suppressed', ruleId: payload.r, count: payload.c };
      for (const s of subscribers) s.onEvent(event);
      return;
    }
    const ids = [...payload.n, ...payload.u];
    if (!ids.length || !subscribers.size) return;
    const at = now();
    const { rows } = await pool.query<ActivityRow>(`SELECT ${ACTIVITY_COLUMNS} FROM td_activities a ${blockJoin('$2')} WHERE a.id = ANY($1::text[])`, [ids, at]);
    const created = new Set(payload.n);
    for (const row of rows) {
      const activity = rowToActivity(row);
      for (const s of subscribers) {
        if (!activityMatches(activity, s.query, at)) continue;
        try {
          s.onEvent({ type: 'activity', activity: structuredClone(activity), isNew: created.has(activity.id) });
        } catch (e) {
          s.onError?.(e);
        }
      }
    }
  }

  function connect(): Promise<void> {
    if (client) return Promise.resolve();
    connecting ??= (async () => {
      const c = new pg.Client(options.connectionString ? { connectionString: options.connectionString } : pool.options);
      c.on('notification', (msg) => {
        if (msg.channel !== LIVE_CHANNEL || msg.payload === undefined) return;
        const payload = parseLivePayload(msg.payload);
        // In order, one at a time: a later change never overtakes an earlier one.
        if (payload) chain = chain.then(() => deliver(payload)).catch(fail);
      });
      const dropped = (error?: unknown) => {
        if (client !== c) return;
        client = null;
        c.removeAllListeners('notification');
        c.end().catch(() => {});
        if (closed || !subscribers.size) return;
        fail(new AdapterError('network', 'The live connection to the database was lost; reconnecting.', { cause: error }));
        retry = setTimeout(() => {
          retry = null;
          connect().catch(fail);
        }, 1000);
        (retry as { unref?: () => void }).unref?.();
      };
      c.on('error', dropped);
      c.on('end', () => dropped());
      await c.connect();
      await c.query(`LISTEN ${LIVE_CHANNEL}`);
      client = c;
    })().finally(() => {
      connecting = null;
    });
    return connecting;
  }

  async function disconnect(): Promise<void> {
    const c = client;
    client = null;
    if (retry) clearTimeout(retry);
    retry = null;
    if (c) {
      c.removeAllListeners();
      c.on('error', () => {});
      await c.end().catch(() => {});
    }
  }

  return {
    async add(sub, signal) {
      subscribers.add(sub);
      signal.addEventListener(
        'abort',
        () => {
          subscribers.delete(sub);
          if (!subscribers.size) void disconnect();
        },
        { once: true },
      );
      try {
        await connect();
      } catch (e) {
        subscribers.delete(sub);
        throw new AdapterError('network', 'Could not open the live connection to the database.', { cause: e });
      }
    },
    async close() {
      closed = true;
      subscribers.clear();
      await connecting?.catch(() => {});
      await disconnect();
    },
  };
}
