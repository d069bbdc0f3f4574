import { useThreatDeck } from '../../hooks/ThreatDeckProvider';

/** Local absolute time, with the UTC instant in `dateTime` and the relative time as a hint. */
export function TimeText({ ms, slot }: { ms: number; slot?: string }) {
  const { format } = useThreatDeck();
  const valid = Number.isFinite(ms) && Math.abs(ms) <= 8.64e15;
  return (
    <time data-slot={slot} dateTime={valid ? format.utc(ms) : undefined} title={valid ? format.utc(ms) : undefined}>
      {format.dateTime(ms)}
      {valid ? <span className="td-drilldown-relative"> ({format.relative(ms)})</span> : null}
    </time>
  );
}
