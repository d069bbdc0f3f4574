/**
 * The English message catalog. Every visible string goes through it; a host
 * overrides any key through `ThreatDeckProvider`'s `messages` prop.
 * Each area keeps its strings in src/i18n/messages/<area>.ts.
 */
import { commonMessages } from './messages/common';
import { actionsMessages } from './messages/actions';
import { drilldownMessages } from './messages/drilldown';
import { listMessages } from './messages/list';
import { filtersMessages } from './messages/filters';
import { viewMessages } from './messages/view';
import { timelineMessages } from './messages/timeline';
import { rulesMessages } from './messages/rules';
import { shortcutsMessages } from './messages/shortcuts';
import { overviewMessages } from './messages/overview';
import { actorsMessages } from './messages/actors';
import { casesMessages } from './messages/cases';

export const en = {
  ...commonMessages,
  ...actionsMessages,
  ...drilldownMessages,
  ...listMessages,
  ...filtersMessages,
  ...viewMessages,
  ...timelineMessages,
  ...rulesMessages,
  ...shortcutsMessages,
  ...overviewMessages,
  ...actorsMessages,
  ...casesMessages,
};

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;
