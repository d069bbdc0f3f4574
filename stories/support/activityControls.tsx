/**
 * Controls a designer changes on the action stories — severity, status, actor,
 * endpoint and policy text, exploit flag — instead of a JSON editor on the
 * whole `activity` object. The story's `activity` is the base; these args
 * override its fields before it reaches the component.
 */
import type { ArgTypes } from '@storybook/react-vite';
import { ACTIVITY_STATUSES, SEVERITIES, type Activity, type ActivityStatus, type Severity } from '../../src/core/model';
import { storyActivity } from './actionStoryData';

export interface ActivityControlArgs {
  severity?: Severity;
  activityStatus?: ActivityStatus;
  actorIp?: string;
  method?: string;
  path?: string;
  subcategory?: string;
  policyName?: string;
  successfulExploit?: boolean;
}

const CONTROL_KEYS = ['severity', 'activityStatus', 'actorIp', 'method', 'path', 'subcategory', 'policyName', 'successfulExploit'] as const;

export const activityControlDefaults: Required<ActivityControlArgs> = {
  severity: storyActivity.severity,
  activityStatus: storyActivity.status,
  actorIp: storyActivity.actor.ip,
  method: storyActivity.endpoint.method,
  path: storyActivity.endpoint.path,
  subcategory: storyActivity.subcategory,
  policyName: storyActivity.policy.name,
  successfulExploit: storyActivity.successfulExploit,
};

const activity = { category: 'Activity (controls)' };
export const activityArgTypes = {
  severity: { control: 'select', options: [...SEVERITIES], description: 'The activity’s severity (prefills the work item’s priority).', table: activity },
  activityStatus: { control: 'radio', options: [...ACTIVITY_STATUSES], description: 'The activity’s status: decides which actions show.', table: activity },
  actorIp: { control: 'text', description: 'Actor IP (IPv4 or IPv6): what Block IP proposes.', table: activity },
  method: { control: 'select', options: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'], table: activity },
  path: { control: 'text', description: 'Templated endpoint path (attacker-influenced: try a long one).', table: activity },
  subcategory: { control: 'text', table: activity },
  policyName: { control: 'text', table: activity },
  successfulExploit: { control: 'boolean', table: activity },
  activity: { control: false, description: 'Built from the “Activity (controls)” args.' },
} satisfies ArgTypes;

/** The story's activity with the controls applied (`undefined` stays undefined: a selection story). */
export function activityFromArgs(args: ActivityControlArgs & { activity?: Activity }): Activity | undefined {
  const base = args.activity;
  if (!base) return undefined;
  return {
    ...base,
    severity: args.severity ?? base.severity,
    status: args.activityStatus ?? base.status,
    actor: { ...base.actor, ip: args.actorIp ?? base.actor.ip },
    endpoint: { ...base.endpoint, method: args.method ?? base.endpoint.method, path: args.path ?? base.endpoint.path },
    subcategory: args.subcategory ?? base.subcategory,
    policy: { ...base.policy, name: args.policyName ?? base.policy.name },
    successfulExploit: args.successfulExploit ?? base.successfulExploit,
  };
}

/** The component's own props: the args without the activity controls. */
export function componentArgs<T extends object>(args: T): Omit<T, (typeof CONTROL_KEYS)[number]> {
  const rest = { ...args } as Record<string, unknown>;
  for (const key of CONTROL_KEYS) delete rest[key];
  return rest as Omit<T, (typeof CONTROL_KEYS)[number]>;
}
