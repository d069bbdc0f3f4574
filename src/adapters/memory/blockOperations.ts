/**
 * The memory adapter's IP blocks: block an address or CIDR (analysed by the
 * core; dangerous targets need `acknowledgeRisk`), the paged list, and
 * unblock (actors another block still covers keep showing that one).
 */
import type { ThreatDeckAdapter } from '../../core/adapter';
import { AdapterError } from '../../core/errors';
import { analyzeBlockTarget, isDangerousBlockWarning } from '../../core/ipBlockTarget';
import { parseIpRange } from '../../core/ipRange';
import type { IpBlock } from '../../core/model';
import { checkFlag, err, notFound, settle, type MemoryStore } from './memoryStore';
import { randomId } from './randomId';

/** The longest timed block (10 years of 365 days), so `expiresAt` stays a safe integer; longer is `null` (permanent). */
export const MAX_BLOCK_DURATION_MS = 10 * 365 * 86_400_000;

type BlockOperations = Pick<Required<ThreatDeckAdapter>, 'block' | 'listBlocks' | 'unblock'>;

export function blockOperations(store: MemoryStore): BlockOperations {
  const { index, blocks, clock } = store;
  return {
    block: (params) =>
      store.write('block', params, () => {
        const { target, durationMs, reason, activityId } = params;
        const analysis = analyzeBlockTarget(typeof target === 'string' ? target : '');
        const range = analysis.valid ? parseIpRange(analysis.normalized) : null;
        if (!analysis.valid || !range) throw err('invalid_request', `"${String(target)}" is not an IPv4/IPv6 address or CIDR range.`, 'target');
        if (durationMs !== null && !(typeof durationMs === 'number' && durationMs > 0 && durationMs <= MAX_BLOCK_DURATION_MS)) {
          throw err('invalid_request', `durationMs must be null (permanent) or a positive number of at most ${MAX_BLOCK_DURATION_MS} (10 years).`, 'durationMs');
        }
        if (reason !== undefined && typeof reason !== 'string') throw err('invalid_request', 'reason must be a string.', 'reason');
        if (activityId !== undefined) store.rowOf(activityId);
        const acknowledged = checkFlag(params.acknowledgeRisk, 'acknowledgeRisk');
        if (analysis.dangerous && !acknowledged) {
          const why = analysis.warnings.filter(isDangerousBlockWarning).join(',');
          throw new AdapterError('invalid_request', `Blocking ${analysis.normalized} is dangerous (${why}); acknowledge the risk to block it.`, {
            path: 'acknowledgeRisk',
            detail: why,
          });
        }
        const now = clock();
        store.nextRevision();
        const block: IpBlock = {
          // Unguessable ids: a counter would let anyone enumerate blocks.
          blockId: randomId('block'),
          target: analysis.normalized,
          ...(reason ? { reason } : {}),
          ...(activityId !== undefined ? { activityId } : {}),
          createdAt: now,
          expiresAt: durationMs === null ? null : now + durationMs,
        };
        blocks.add(block, range);
        store.applyBlock(block, range, store.allRows(), now);
        if (activityId !== undefined) store.cases.record({ kind: 'block', activityId, who: store.cases.who, when: now, action: 'blocked', blockId: block.blockId, target: block.target });
        return { ...block };
      }),

    listBlocks: (params) => settle(() => blocks.list(params, clock())),

    unblock: (params) =>
      store.write('unblock', params, () => {
        const { blockId } = params;
        const made = typeof blockId === 'string' ? blocks.get(blockId) : undefined;
        if (typeof blockId !== 'string' || !blocks.delete(blockId)) throw notFound('block', String(blockId));
        // The activity the block was made from records its lifting (other covered activities only show it lifted).
        if (made?.activityId !== undefined && index.indexOf(made.activityId) !== undefined) {
          store.cases.record({ kind: 'block', activityId: made.activityId, who: store.cases.who, when: clock(), action: 'unblocked', blockId, target: made.target });
        }
        store.nextRevision();
        const freed: number[] = [];
        for (let i = 0; i < index.size; i++) {
          const a = index.rows[i]!;
          if (a.blocked?.blockId === blockId) {
            delete a.blocked;
            freed.push(i);
          }
        }
        // Another block may still cover these actors: they show the longest-lived of those.
        const now = clock();
        for (const { block, range } of blocks.active(now)) store.applyBlock(block, range, freed, now);
      }),
  };
}
