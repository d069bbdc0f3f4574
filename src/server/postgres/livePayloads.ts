/**
 * NOTIFY payloads of live events. PostgreSQL caps a payload below 8000 bytes,
 * so a payload names rows (ids) and every listening process reads the rows
 * itself; long id lists are split over several payloads.
 */
export const MAX_PAYLOAD_BYTES = 7500;
/** Writes touching more rows publish only this many (clients refetch their list anyway). */
export const MAX_LIVE_IDS_PER_WRITE = 2000;

export type LivePayload =
  /** Activities changed (`u`) or created (`n`). */
  | { t: 'a'; u: string[]; n: string[] }
  /** A suppression rule dropped events; `c` is its hit count now. */
  | { t: 's'; r: string; c: number };

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

export function liveIdsPayloads(updated: string[], created: string[]): string[] {
  const out: string[] = [];
  let current: { t: 'a'; u: string[]; n: string[] } = { t: 'a', u: [], n: [] };
  let size = bytes(JSON.stringify(current));
  let sent = 0;
  const push = (id: string, isNew: boolean) => {
    // Ids come from the adapter itself (bounded), but a malformed one is skipped rather than split.
    const cost = bytes(JSON.stringify(id)) + 1;
    if (cost > MAX_PAYLOAD_BYTES / 2) return;
    if (size + cost > MAX_PAYLOAD_BYTES) {
      out.push(JSON.stringify(current));
      current = { t: 'a', u: [], n: [] };
      size = bytes(JSON.stringify(current));
    }
    (isNew ? current.n : current.u).push(id);
    size += cost;
  };
  for (const id of created) if (sent++ < MAX_LIVE_IDS_PER_WRITE) push(id, true);
  for (const id of updated) if (sent++ < MAX_LIVE_IDS_PER_WRITE) push(id, false);
  if (current.u.length || current.n.length) out.push(JSON.stringify(current));
  return out;
}

export const suppressedPayload = (ruleId: string, count: number) => JSON.stringify({ t: 's', r: ruleId, c: count } satisfies LivePayload);

export function parseLivePayload(text: string): LivePayload | null {
  try {
    const v = JSON.parse(text) as Record<string, unknown>;
    if (v.t === 'a' && Array.isArray(v.u) && Array.isArray(v.n)) return { t: 'a', u: v.u.filter((x): x is string => typeof x === 'string'), n: v.n.filter((x): x is string => typeof x === 'string') };
    if (v.t === 's' && typeof v.r === 'string' && typeof v.c === 'number') return { t: 's', r: v.r, c: v.c };
  } catch {
    // Another application's NOTIFY on our channel: ignored.
  }
  return null;
}
