/**
 * Free-text search of the memory adapter's activities. A row's searchable
 * text is its id, its actor (IP, country, label), its endpoint (method, path,
 * host) and its policy (name, category, subcategory). Activities share actor,
 * endpoint and policy objects, so each distinct part is lowercased and
 * searched once per needle, not once per row: at 100k rows a first search
 * costs a few thousand `includes` instead of building 100k strings.
 *
 * The result is the same as a substring search in the joined, lowercased
 * text `id \n ip \n country \n label \n method \n path \n host \n policy \n
 * category \n subcategory`, which is kept (built on demand) for the rare
 * needle that contains a line break and so could span two parts.
 */
import type { Activity } from '../../core/model';

/** Codes of distinct parts, keyed by the objects the activities share. No closure or key string per row: at 100k rows they were most of the cost. */
class PartDictionary<K> {
  readonly texts: string[] = [];
  private readonly codes = new Map<K, number>();
  code(key: K): number | undefined {
    return this.codes.get(key);
  }
  add(key: K, text: string): number {
    const c = this.texts.length;
    this.codes.set(key, c);
    this.texts.push(text.toLowerCase());
    return c;
  }
}

/** A row matcher for one needle, or the rows' full texts for a needle with a line break. */
export type RowMatcher = (row: number) => boolean;

function joinedTextOf(a: Activity): string {
  const { actor, endpoint } = a;
  return `${a.id}\n${actor.ip}\n${actor.country ?? ''}\n${actor.label ?? ''}\n${endpoint.method}\n${endpoint.path}\n${endpoint.host}\n${a.policy.name}\n${a.category}\n${a.subcategory}`.toLowerCase();
}

export class ActivitySearch {
  private readonly actors = new PartDictionary<Activity['actor']>();
  private readonly endpoints = new PartDictionary<Activity['endpoint']>();
  /** policy object → category → subcategory → code */
  private readonly policyCodes = new Map<Activity['policy'], Map<string, Map<string, number>>>();
  private readonly policyTexts: string[] = [];
  private actorOf = new Int32Array(1024);
  private endpointOf = new Int32Array(1024);
  private policyOf = new Int32Array(1024);
  /** Lowercased ids, filled up to the rows by each new matcher, or ahead of the first search once the demo dataset is whole. */
  private readonly ids: string[] = [];
  private joined: string[] | null = null;
  private cached: { needle: string; rows: number; matcher: RowMatcher } | null = null;

  constructor(private readonly rows: readonly Activity[]) {}

  private policyCode(a: Activity): number {
    let byCategory = this.policyCodes.get(a.policy);
    if (!byCategory) this.policyCodes.set(a.policy, (byCategory = new Map()));
    let bySub = byCategory.get(a.category);
    if (!bySub) byCategory.set(a.category, (bySub = new Map()));
    let c = bySub.get(a.subcategory);
    if (c === undefined) {
      c = this.policyTexts.push(`${a.policy.name}\n${a.category}\n${a.subcategory}`.toLowerCase()) - 1;
      bySub.set(a.subcategory, c);
    }
    return c;
  }

  /** Registers row i (rows are added in order). */
  add(i: number, a: Activity): void {
    if (i >= this.actorOf.length) {
      const grow = (old: Int32Array) => {
        const next = new Int32Array(old.length * 2);
        next.set(old);
        return next;
      };
      this.actorOf = grow(this.actorOf);
      this.endpointOf = grow(this.endpointOf);
      this.policyOf = grow(this.policyOf);
    }
    const { actor, endpoint } = a;
    this.actorOf[i] = this.actors.code(actor) ?? this.actors.add(actor, `${actor.ip}\n${actor.country ?? ''}\n${actor.label ?? ''}`);
    this.endpointOf[i] = this.endpoints.code(endpoint) ?? this.endpoints.add(endpoint, `${endpoint.method}\n${endpoint.path}\n${endpoint.host}`);
    this.policyOf[i] = this.policyCode(a);
    this.joined?.push(joinedTextOf(a));
  }

  /** Re-registers row i after its searchable fields changed (ingest can change the subcategory). */
  update(i: number, a: Activity): void {
    this.policyOf[i] = this.policyCode(a);
    if (this.joined) this.joined[i] = joinedTextOf(a);
    this.cached = null;
  }

  /** Lowercases the ids not done yet (the first search's matcher would). */
  prepare(): void {
    const ids = this.ids;
    for (let i = ids.length; i < this.rows.length; i++) ids.push(this.rows[i]!.id.toLowerCase());
  }

  /** A matcher for a lowercased, trimmed, non-empty needle; reused while no row was added. */
  matcher(needle: string): RowMatcher {
    // A new row may bring a new part or an id not yet lowercased: the cached matcher holds for the same rows only.
    const rows = this.rows.length;
    if (this.cached && this.cached.needle === needle && this.cached.rows === rows) return this.cached.matcher;
    let matcher: RowMatcher;
    if (needle.includes('\n')) {
      if (!this.joined) this.joined = this.rows.map(joinedTextOf);
      const joined = this.joined;
      matcher = (i) => joined[i]!.includes(needle);
    } else {
      const hits = (texts: readonly string[]) => {
        const m = new Uint8Array(texts.length);
        for (let c = 0; c < texts.length; c++) if (texts[c]!.includes(needle)) m[c] = 1;
        return m;
      };
      const actorHit = hits(this.actors.texts);
      const endpointHit = hits(this.endpoints.texts);
      const policyHit = hits(this.policyTexts);
      this.prepare();
      const ids = this.ids;
      // Reads the code arrays through `this`: they are replaced when they grow.
      matcher = (i) =>
        actorHit[this.actorOf[i]!] === 1 || endpointHit[this.endpointOf[i]!] === 1 || policyHit[this.policyOf[i]!] === 1 || ids[i]!.includes(needle);
    }
    this.cached = { needle, rows, matcher };
    return matcher;
  }
}
