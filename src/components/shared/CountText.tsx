import { useThreatDeck } from '../../hooks/ThreatDeckProvider';

/**
 * A count as text: the number, or for an estimate "~N" on screen and
 * "about N" to a screen reader (a list total, a tab count or a top list the
 * backend estimated). `spoken={false}` when the count's name is said
 * elsewhere (e.g. a checkbox's aria-label): then only "~N" is drawn.
 */
export function CountText({ count, estimated, spoken = true }: { count: number; estimated: boolean; spoken?: boolean }) {
  const { t, format } = useThreatDeck();
  const n = format.number(count);
  if (!estimated) return <>{n}</>;
  if (!spoken) return <>{t('common.countEstimate', { count: n })}</>;
  return (
    <>
      <span aria-hidden="true">{t('common.countEstimate', { count: n })}</span>
      <span className="td-visually-hidden">{t('common.countEstimateSpoken', { count: n })}</span>
    </>
  );
}
