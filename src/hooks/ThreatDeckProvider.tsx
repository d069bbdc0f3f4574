/**
 * ThreatDeckProvider: the adapter, the message catalog, formatters, the theme
 * and threatdeck's own TanStack Query client. The client is passed explicitly
 * to every query hook (never through QueryClientProvider), so it never clashes
 * with a host that uses TanStack Query itself.
 */
import { QueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { ThreatDeckAdapter } from '../core/adapter';
import { en, type MessageKey, type Messages } from '../i18n/en';
import { formatMessage, type MessageValues } from '../i18n/formatMessage';
import { createFormatters, type Formatters } from '../i18n/formatters';
import { createDraftStore, createWriteCoordinator, DEFAULT_WRITE_RETRY, type DraftStore, type WriteCoordinator, type WriteRetryPolicy } from './writeCoordinator';

export type ThemeName = 'light' | 'dark' | 'system';

export interface ThreatDeckContextValue {
  adapter: ThreatDeckAdapter;
  queryClient: QueryClient;
  /** Formats a catalog message with values; unknown keys render as the key. */
  t: (key: MessageKey, values?: MessageValues) => string;
  messages: Messages;
  format: Formatters;
  locale: string;
  /** Where dialogs and menus portal to, so they keep the theme's variables. */
  portalContainer: HTMLElement | null;
  /** Clock used for relative times and time presets (overridable in tests). */
  now: () => number;
  /** Write locks per activity and deferred refetches of concurrent optimistic writes. */
  writes: WriteCoordinator;
  /** Unsent input (ignore reason, work-item fields) per activity, kept while the provider lives. */
  drafts: DraftStore;
  /** How writes whose outcome is unknown are retried (with the same idempotency key). */
  writeRetry: WriteRetryPolicy;
}

const ThreatDeckContext = createContext<ThreatDeckContextValue | null>(null);

export interface ThreatDeckProviderProps {
  adapter: ThreatDeckAdapter;
  children?: ReactNode;
  /** Overrides for any catalog message. */
  messages?: Partial<Messages>;
  /** BCP 47 locale for numbers and dates; defaults to `en`. */
  locale?: string;
  /** IANA time zone for absolute times; defaults to the browser's. */
  timeZone?: string;
  theme?: ThemeName;
  /** Bring your own client (e.g. to share cache across providers); otherwise one is created. */
  queryClient?: QueryClient;
  now?: () => number;
  /** Retries of a write whose outcome is unknown (same idempotency key). Default: 2 retries, 0.5 s then 1.5 s. */
  writeRetry?: Partial<WriteRetryPolicy>;
  className?: string;
}

export function createThreatDeckQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        gcTime: 5 * 60_000,
        // Adapters retry (or not) themselves; typed errors must surface quickly.
        retry: false,
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
}

export function ThreatDeckProvider({
  adapter,
  children,
  messages: overrides,
  locale = 'en',
  timeZone,
  theme = 'light',
  queryClient: givenClient,
  now = Date.now,
  writeRetry: retryOverrides,
  className,
}: ThreatDeckProviderProps) {
  const [ownClient] = useState(() => givenClient ?? createThreatDeckQueryClient());
  const queryClient = givenClient ?? ownClient;
  const [portalContainer, setPortalContainer] = useState<HTMLElement | null>(null);
  const [writes] = useState(createWriteCoordinator);
  const [drafts] = useState(createDraftStore);
  const retries = retryOverrides?.retries;
  const delayMs = retryOverrides?.delayMs;
  const writeRetry = useMemo<WriteRetryPolicy>(
    () => ({ retries: retries ?? DEFAULT_WRITE_RETRY.retries, delayMs: delayMs ?? DEFAULT_WRITE_RETRY.delayMs }),
    [retries, delayMs],
  );

  // Its own memo: the formatters (and their Intl objects) outlive a change of messages or portal.
  const format = useMemo(() => createFormatters(locale, timeZone, now), [locale, timeZone, now]);
  const value = useMemo<ThreatDeckContextValue>(() => {
    const messages = { ...en, ...overrides } as Messages;
    return {
      adapter,
      queryClient,
      messages,
      t: (key, values) => formatMessage(messages[key] ?? key, values, locale),
      format,
      locale,
      portalContainer,
      now,
      writes,
      drafts,
      writeRetry,
    };
  }, [adapter, queryClient, overrides, locale, format, portalContainer, now, writes, drafts, writeRetry]);

  // The first Intl formatter of a page loads the locale's data (~60 ms here): build the list's while the
  // first page is on its way, not in the render that shows it.
  useEffect(() => whenIdle(() => {
    format.number(0);
    format.relative(0);
  }), [format]);

  return (
    <ThreatDeckContext.Provider value={value}>
      <div data-slot="threatdeck-root" data-theme={theme} className={className ? `td-root ${className}` : 'td-root'}>
        {children}
        <div data-slot="portal-container" ref={setPortalContainer} />
      </div>
    </ThreatDeckContext.Provider>
  );
}

/** Runs `work` when the page is idle (a timer turn where there is no idle callback); returns the cancel. */
function whenIdle(work: () => void): () => void {
  const g = globalThis as { requestIdleCallback?: (cb: () => void) => number; cancelIdleCallback?: (id: number) => void };
  if (g.requestIdleCallback && g.cancelIdleCallback) {
    const id = g.requestIdleCallback(work);
    return () => g.cancelIdleCallback!(id);
  }
  const t = setTimeout(work, 0);
  return () => clearTimeout(t);
}

export function useThreatDeck(): ThreatDeckContextValue {
  const ctx = useContext(ThreatDeckContext);
  if (!ctx) throw new Error('threatdeck: wrap your components in <ThreatDeckProvider adapter={…}>.');
  return ctx;
}
