/**
 * actor + endpoint + policy (the suppression key) → row indices, for Ignore,
 * rule previews and live repeats. Built on first use, not when the adapter
 * starts: at 100k rows the keys cost more than the first page. Activities
 * share actor and endpoint objects, so a key is built once per distinct
 * (actor, endpoint, policy), not once per row.
 */
import type { Activity } from '../../core/model';
import { suppressionKeyOf } from './suppressionRuleStore';

export class RowsBySuppressionKey {
  private byKey: Map<string, number[]> | null = null;
  private readonly keys = new Map<Activity['actor'], Map<Activity['endpoint'], Map<string, string>>>();

  /** `rows` is the index's live array: rows appended later are picked up by `add` or by the first build. */
  constructor(private readonly rows: readonly Activity[]) {}

  private keyOf(a: Activity): string {
    let byEndpoint = this.keys.get(a.actor);
    if (!byEndpoint) this.keys.set(a.actor, (byEndpoint = new Map()));
    let byPolicy = byEndpoint.get(a.endpoint);
    if (!byPolicy) byEndpoint.set(a.endpoint, (byPolicy = new Map()));
    let key = byPolicy.get(a.policy.id);
    if (key === undefined) byPolicy.set(a.policy.id, (key = suppressionKeyOf(a.actor.ip, a.endpoint, a.policy.id)));
    return key;
  }

  private insert(map: Map<string, number[]>, i: number): void {
    const k = this.keyOf(this.rows[i]!);
    const list = map.get(k);
    if (list) list.push(i);
    else map.set(k, [i]);
  }

  /** Call after row i was appended. */
  add(i: number): void {
    if (this.byKey) this.insert(this.byKey, i);
  }

  get(key: string): number[] | undefined {
    if (!this.byKey) {
      const map = new Map<string, number[]>();
      for (let i = 0; i < this.rows.length; i++) this.insert(map, i);
      this.byKey = map;
    }
    return this.byKey.get(key);
  }
}
