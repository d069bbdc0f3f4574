import type { Endpoint } from '../../core/model';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';

/** Method, host and path of an endpoint, as text (attacker-written). */
export function EndpointText({ endpoint }: { endpoint: Endpoint }) {
  return (
    <span data-slot="endpoint" className="td-collection-endpoint">
      <span data-slot="endpoint-method" className="td-mono">
        {endpoint.method}
      </span>{' '}
      <span data-slot="endpoint-host">{endpoint.host}</span>
      <span data-slot="endpoint-path" className="td-mono">
        {endpoint.path}
      </span>
    </span>
  );
}

export interface TimeTextProps {
  at: number;
  /** Show "3 min ago" with the absolute time for assistive tech and on hover. */
  relative?: boolean;
  /** Wraps the formatted absolute time, e.g. "Expired {date}". */
  label?: ((date: string) => string) | undefined;
}

/** A time as a `<time>` element: absolute by default, machine-readable in UTC. */
export function TimeText({ at, relative = false, label }: TimeTextProps) {
  const { format } = useThreatDeck();
  const absolute = format.dateTime(at);
  if (relative) {
    return (
      <time dateTime={format.utc(at)} title={absolute}>
        {format.relative(at)}
        <span className="td-visually-hidden"> ({absolute})</span>
      </time>
    );
  }
  return <time dateTime={format.utc(at)}>{label ? label(absolute) : absolute}</time>;
}
