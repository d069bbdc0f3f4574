/** The open actor's facts as a description list; every value is text. */
import type { ActorSummary } from '../../core/actors';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';
import { actorColumns } from './actorColumns';

export function ActorFacts({ actor }: { actor: ActorSummary }) {
  const { t } = useThreatDeck();
  return (
    <dl data-slot="actor-facts" className="td-actors-facts">
      {actor.label ? (
        <div>
          <dt>{t('actors.drilldown.label.field')}</dt>
          <dd data-slot="actor-label">{actor.label}</dd>
        </div>
      ) : null}
      {actorColumns
        .filter((c) => c.id !== 'actor')
        .map((column) => (
          <div key={column.id} data-column={column.id}>
            <dt>{t(column.label)}</dt>
            <dd>
              <column.Cell actor={actor} />
            </dd>
          </div>
        ))}
      <div data-column="successfulExploit">
        <dt>{t('actors.drilldown.exploit')}</dt>
        <dd>{t(actor.successfulExploit ? 'actors.drilldown.exploit.yes' : 'actors.drilldown.exploit.no')}</dd>
      </div>
    </dl>
  );
}
