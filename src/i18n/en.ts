/**
 * The English message catalog. Every visible string goes through it; a host
 * overrides any key through `ThreatDeckProvider`'s `messages` prop.
 * Each area keeps its strings in src/i18n/messages/<area>.ts.
 */
import { commonMessages } from './messages/common';

export const en = {
  ...commonMessages,
};

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;
