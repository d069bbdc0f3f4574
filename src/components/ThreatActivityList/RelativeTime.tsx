/**
 * A relative time that keeps itself current through the list's shared
 * ticker (see relativeTicker). Outside a ticker it renders once, as before.
 */
import { createContext, useCallback, useContext, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';
import { createRelativeTicker, type RelativeTicker } from './relativeTicker';

const TickerContext = createContext<RelativeTicker | null>(null);

/** Gives everything inside one shared ticker on the provider's clock. */
export function RelativeTimeScope({ children }: { children: ReactNode }) {
  const { now } = useThreatDeck();
  const [ticker] = useState(() => createRelativeTicker(now));
  return <TickerContext.Provider value={ticker}>{children}</TickerContext.Provider>;
}

const noSubscription = () => () => {};

/** The label for `at`, re-read on each tick; the component renders only when the text changes. */
export function useRelativeTime(at: number): string {
  const { format } = useThreatDeck();
  return useTickingText(at, () => format.relative(at));
}

/**
 * Any text that depends on the time elapsed since `at` (an age in triage, an
 * SLA state), re-read on the same shared ticks as the relative times.
 * `read` must return a primitive (a string) so unchanged text renders nothing.
 */
export function useTickingText(at: number, read: () => string): string {
  const ticker = useContext(TickerContext);
  const subscribe = useCallback((listener: () => void) => (ticker ? ticker.subscribe(at, listener) : () => {}), [ticker, at]);
  return useSyncExternalStore(ticker ? subscribe : noSubscription, read, read);
}
