/**
 * Hand-made records and fake adapters for the action stories (EventActions,
 * BlockIpButton, CreateWorkItem): every state is reachable deterministically.
 */
import type { ReactNode } from 'react';
import type { ThemeName } from '../../src/hooks/ThreatDeckProvider';
import { DEMO_WORK_ITEM_TARGETS } from '../../src/adapters/memory';
import type { ThreatDeckAdapter } from '../../src/core/adapter';
import { AdapterError, type AdapterErrorCode } from '../../src/core/errors';
import type { Activity, Attempt } from '../../src/core/model';
import { createQuery } from '../../src/core/query';
import { useActivityList } from '../../src/hooks/useActivityList';
import { makeActivity, makeAttempt, NOW } from '../../test/components/EventActions/activityFixture';
import { createTestAdapter, type TestAdapterInput } from '../../src/testing/createTestAdapter';

export const STORY_NOW = NOW;

export const storyActivity: Activity = makeActivity({ id: 'act-story-1' });
const storyAttempt: Attempt = makeAttempt({ activityId: storyActivity.id });

const later = <T,>(value: T, ms = 400) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));
/** A write that fails with a typed error after a short delay. */
export const failing = (code: AdapterErrorCode) => () =>
  new Promise<never>((_, reject) => setTimeout(() => reject(new AdapterError(code, code)), 400));
/**
 * A write whose first `lost` responses are lost after the backend committed
 * (a network error), as a flaky proxy would: the UI says "checking" and
 * retries with the same key; the replay answers with the first outcome.
 */
export function lostResponse<P, T>(answer: (params: P) => T, lost = 1) {
  const outcomes = new Map<string, T>();
  let calls = 0;
  return (params: P & { idempotencyKey?: string }): Promise<T> =>
    new Promise<T>((resolve, reject) =>
      setTimeout(() => {
        const key = params.idempotencyKey ?? String(Math.random());
        const outcome = outcomes.get(key) ?? answer(params);
        outcomes.set(key, outcome);
        if (++calls <= lost) reject(new AdapterError('network', 'The response was lost after the commit.'));
        else resolve(outcome);
      }, 400),
    );
}
/** A read that never answers (loading states). */
export const never = () => new Promise<never>(() => undefined);

/** Every action capability, succeeding after a short delay; override any method. */
export function actionAdapter(overrides: TestAdapterInput = {}): ThreatDeckAdapter {
  return createTestAdapter({
    listActivities: () => later({ items: [storyActivity], total: 1, totalIsEstimate: false, nextCursor: null, counts: { active: 1, under_review: 0, ignored: 0 } }, 0),
    setStatus: ({ ids }) => later({ affected: ids.length }),
    setStatusByQuery: () => later({ affected: 1200 }),
    ignore: ({ rule }) => later({ rule: { ...rule, id: 'rule-1', createdAt: STORY_NOW, suppressedCount: 0 }, affected: 1 }),
    previewSuppressionRule: () => later({ activities: 3, events: 1280, windowMs: 30 * 86_400_000 }),
    block: ({ target, durationMs, reason }) =>
      later({ blockId: 'blk-1', target, createdAt: STORY_NOW, expiresAt: durationMs === null ? null : STORY_NOW + durationMs, ...(reason ? { reason } : {}) }),
    unblock: () => later(undefined),
    listWorkItemTargets: () => later([...DEMO_WORK_ITEM_TARGETS], 100),
    createWorkItem: ({ targetId }) => later({ targetId, key: 'SEC-123', url: 'https://jira.example.com/browse/SEC-123', createdAt: STORY_NOW }),
    listAttempts: () => later({ items: [storyAttempt], total: 1, nextCursor: null }, 50),
    getRemediation: () =>
      later(
        {
          steps: [
            { title: 'Use parameterised queries', explanation: 'Bind user input as parameters; never concatenate it into SQL.' },
            { title: 'Validate input types', explanation: 'Reject ids that are not integers at the API gateway.' },
          ],
          references: [],
        },
        50,
      ),
    ...overrides,
  });
}

/** Renders its children with the first activity the adapter lists (for memory-adapter stories). */
export function WithFirstActivity({ children }: { children: (activity: Activity) => ReactNode }) {
  const list = useActivityList(createQuery(), { pageSize: 1 });
  const first = list.rows[0];
  return <>{first ? children(first) : null}</>;
}

/** `parameters.threatdeck` for an action story: a fake adapter (all capabilities by default) and a fixed clock. */
export function actionStoryParameters(adapter: () => ThreatDeckAdapter = () => actionAdapter(), theme?: ThemeName) {
  return { threatdeck: { adapter, now: STORY_NOW, ...(theme ? { theme } : {}) } };
}

/** Meta parameters shared by the action stories. */
export function actionMetaParameters(description: string) {
  return { layout: 'padded', ...actionStoryParameters(), docs: { description: { component: description } } };
}
