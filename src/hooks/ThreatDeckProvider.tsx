/**
 * ThreatDeckProvider: the adapter, the message catalog, formatters, the theme
 * and threatdeck's own TanStack Query client. The client is passed explicitly
 * to every query hook (never through QueryClientProvider), so it never clashes
 * with a host that uses TanStack Query itself.
 */
import { QueryClient } from '@tanstack/react-query';
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import type { ThreatDeckAdapter } from '../core/adapter';
import { en, type MessageKey, type Messages } from '../i18n/en';
import { formatMessage, type MessageValues } from '../i18n/formatMessage';
import { createFormatters, type Formatters } from '../i18n/formatters';

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
  className,
}: ThreatDeckProviderProps) {
  const [ownClient] = useState(() => givenClient ?? createThreatDeckQueryClient());
  const queryClient = givenClient ?? ownClient;
  const [portalContainer, setPortalContainer] = useState<HTMLElement | null>(null);

  const value = useMemo<ThreatDeckContextValue>(() => {
    const messages = { ...en, ...overrides } as Messages;
    return {
      adapter,
      queryClient,
      messages,
      t: (key, values) => formatMessage(messages[key] ?? key, values, locale),
      format: createFormatters(locale, timeZone, now),
      locale,
      portalContainer,
      now,
    };
  }, [adapter, queryClient, overrides, locale, timeZone, portalContainer, now]);

  return (
    <ThreatDeckContext.Provider value={value}>
      <div data-slot="threatdeck-root" data-theme={theme} className={className ? `td-root ${className}` : 'td-root'}>
        {children}
        <div data-slot="portal-container" ref={setPortalContainer} />
      </div>
    </ThreatDeckContext.Provider>
  );
}

export function useThreatDeck(): ThreatDeckContextValue {
  const ctx = useContext(ThreatDeckContext);
  if (!ctx) throw new Error('threatdeck: wrap your components in <ThreatDeckProvider adapter={…}>.');
  return ctx;
}
