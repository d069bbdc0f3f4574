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
  const ticker = useContext(TickerContext);
  const subscribe = useCallback((listener: () => void) => (ticker ? ticker.subscribe(at, listener) : () => {}), [ticker, at]);
  const read = () => format.relative(at);
  return useSyncExternalStore(ticker ? subscribe : noSubscription, read, read);
}
