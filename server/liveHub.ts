/**
 * Fan-out of live events for the reference server: one upstream
 * `adapter.subscribe` per distinct query, shared by every SSE client with
 * that query, numbered with a server-wide sequence and kept in a short replay
 * buffer so a client reconnecting with `Last-Event-ID` misses nothing.
 */
import type { LiveEvent, ThreatDeckAdapter } from '../src/core/adapter';
import { queryKey, type ActivityQuery } from '../src/core/query';

export interface NumberedEvent {
  id: number;
  event: LiveEvent;
}
type Listener = (event: NumberedEvent) => void;

interface Channel {
  listeners: Set<Listener>;
  buffer: NumberedEvent[];
  controller: AbortController;
  ready: Promise<void>;
  linger?: ReturnType<typeof setTimeout>;
}

export interface LiveHubOptions {
  /** Events kept per query for replay. Default 500. */
  replaySize?: number;
  /** How long a query's upstream subscription outlives its last client (the replay window). Default 30 s. */
  lingerMs?: number;
}

export interface JoinedChannel {
  leave(): void;
  /**
   * The id this listener's stream resumes after: every event with a later
   * id reaches the listener (replayed or live). The client is told it before
   * any event, so a connection that drops early still resumes without loss.
   */
  resumeAfter: number;
}

export interface LiveHub {
  /** Subscribes; replays buffered events after `lastEventId` first. */
  join(query: ActivityQuery, lastEventId: number | undefined, listener: Listener): Promise<JoinedChannel>;
  close(): void;
}

export function createLiveHub(adapter: ThreatDeckAdapter, options: LiveHubOptions = {}): LiveHub {
  const replaySize = options.replaySize ?? 500;
  const lingerMs = options.lingerMs ?? 30_000;
  const channels = new Map<string, Channel>();
  let sequence = 0;

  function open(query: ActivityQuery, key: string): Channel {
    const channel: Channel = { listeners: new Set(), buffer: [], controller: new AbortController(), ready: Promise.resolve() };
    channel.ready = adapter.subscribe!({
      query,
      signal: channel.controller.signal,
      onEvent: (event) => {
        const numbered = { id: ++sequence, event };
        channel.buffer.push(numbered);
        if (channel.buffer.length > replaySize) channel.buffer.shift();
        for (const listener of channel.listeners) listener(numbered);
      },
    });
    channel.ready.catch(() => channels.delete(key));
    channels.set(key, channel);
    return channel;
  }

  return {
    async join(query, lastEventId, listener) {
      const key = queryKey(query);
      const channel = channels.get(key) ?? open(query, key);
      clearTimeout(channel.linger);
      await channel.ready;
      // An id above the sequence is from an earlier server run: resume from now instead.
      const resumeAfter = lastEventId !== undefined && lastEventId <= sequence ? lastEventId : sequence;
      for (const e of channel.buffer) if (e.id > resumeAfter) listener(e);
      channel.listeners.add(listener);
      const leave = () => {
        channel.listeners.delete(listener);
        if (channel.listeners.size > 0) return;
        channel.linger = setTimeout(() => {
          if (channel.listeners.size > 0) return;
          channel.controller.abort();
          channels.delete(key);
        }, lingerMs);
        channel.linger.unref?.();
      };
      return { leave, resumeAfter };
    },
    close() {
      for (const channel of channels.values()) {
        clearTimeout(channel.linger);
        channel.controller.abort();
      }
      channels.clear();
    },
  };
}
