/** Ingest: `POST /events`, a detector's batch of detections (idempotent by event id). */
import type { ThreatDeckAdapter } from '../../src/core/adapter';
import { parseIngestRequest } from '../ingestSchema';
import { unsupported, type Route } from './route';

export function ingestRoutes(adapter: ThreatDeckAdapter): Route[] {
  return [
    ['POST', '/events', async ({ body, write }) => {
      if (!adapter.ingestEvents) unsupported('ingest');
      const options = await write();
      const { events } = parseIngestRequest(await body());
      return adapter.ingestEvents({ events, ...options });
    }],
  ];
}
