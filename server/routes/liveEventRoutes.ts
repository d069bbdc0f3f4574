/** Live updates: `GET /events` as Server-Sent Events, fanned out by the live hub. */
import type { LiveHub } from '../liveHub';
import { readActivityQuery } from '../requestSchemas';
import { STREAMED, unsupported, type Route } from './route';

export interface LiveEventOptions {
  heartbeatMs: number;
  /** Sent as `retry:` (clients clamp it to their own bounds). */
  retryMs: number;
}

export function liveEventRoutes(hub: LiveHub | null, { heartbeatMs, retryMs }: LiveEventOptions): Route[] {
  return [
    ['GET', '/events', async ({ query, req, res, signal }) => {
      if (!hub) unsupported('live updates');
      const activityQuery = readActivityQuery(query);
      const header = req.headers['last-event-id'];
      const lastEventId = typeof header === 'string' && /^\d{1,15}$/.test(header) ? Number(header) : undefined;
      const pending: string[] = [];
      let started = false;
      const write = (text: string) => (started ? res.write(text) : pending.push(text));
      const { leave, resumeAfter } = await hub.join(activityQuery, lastEventId, ({ id, event }) =>
        write(`id: ${id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`),
      );
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        // Tells nginx-style proxies not to buffer the stream.
        'x-accel-buffering': 'no',
      });
      // The first frame already carries an id: a client cut off before any event resumes from here.
      res.write(`retry: ${retryMs}\nid: ${resumeAfter}\n: connected\n\n`);
      started = true;
      for (const text of pending.splice(0)) res.write(text);
      const heartbeat = setInterval(() => res.write(': ping\n\n'), heartbeatMs);
      const stop = () => {
        clearInterval(heartbeat);
        leave();
      };
      if (signal.aborted) stop();
      else signal.addEventListener('abort', stop, { once: true });
      return STREAMED;
    }],
  ];
}
