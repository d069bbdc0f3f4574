import type { HeaderPairs, HttpRequest, HttpResponse } from '../../core/model';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';
import { BodyViewer } from './BodyViewer';
import { HeadersTable } from './HeadersTable';

/** The request: request line, headers and body, all as text. */
export function RequestView({ request, bodyCap }: { request: HttpRequest; bodyCap?: number }) {
  const { t } = useThreatDeck();
  const title = t('drilldown.attempt.request');
  return (
    <section data-slot="request" aria-label={title} className="td-drilldown-message">
      <h3>{title}</h3>
      <pre data-slot="request-line" className="td-mono td-drilldown-startline">
        <span data-slot="request-method">{request.method}</span> <span data-slot="request-url">{request.url}</span>{' '}
        <span data-slot="request-version">{request.httpVersion}</span>
      </pre>
      <HeadersTable headers={request.headers} caption={`${title} · ${t('drilldown.attempt.headers')}`} />
      <BodyViewer body={request.body} headers={request.headers} label={`${title} · ${t('drilldown.attempt.body')}`} {...(bodyCap !== undefined ? { cap: bodyCap } : {})} />
    </section>
  );
}

/** The response: status line, headers and body, all as text. */
export function ResponseView({ response, headers, bodyCap }: { response: HttpResponse | null; headers: HeaderPairs; bodyCap?: number }) {
  const { t } = useThreatDeck();
  const title = t('drilldown.attempt.response');
  return (
    <section data-slot="response" aria-label={title} className="td-drilldown-message">
      <h3>{title}</h3>
      {response ? (
        <>
          <pre data-slot="status-line" className="td-mono td-drilldown-startline">
            {response.httpVersion} {response.status}
            {response.statusText ? ` ${response.statusText}` : ''}
          </pre>
          <HeadersTable headers={headers} caption={`${title} · ${t('drilldown.attempt.headers')}`} />
          <BodyViewer body={response.body} headers={response.headers} label={`${title} · ${t('drilldown.attempt.body')}`} {...(bodyCap !== undefined ? { cap: bodyCap } : {})} />
        </>
      ) : (
        <p data-slot="response-missing">{t('drilldown.attempt.responseMissing')}</p>
      )}
    </section>
  );
}
