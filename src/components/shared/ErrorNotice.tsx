import { clsx } from 'clsx';
import type { HTMLAttributes } from 'react';
import type { AdapterError } from '../../core/errors';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';

export interface ErrorNoticeProps extends HTMLAttributes<HTMLDivElement> {
  error: AdapterError;
  /** What failed, e.g. "Could not load activities." */
  title?: string;
  onRetry?: () => void;
}

/** A typed adapter error said plainly, with a retry when one makes sense. */
export function ErrorNotice({ error, title, onRetry, className, ...rest }: ErrorNoticeProps) {
  const { t } = useThreatDeck();
  return (
    <div role="alert" data-slot="error-notice" data-code={error.code} data-tone="error" className={clsx('td-alert', className)} {...rest}>
      {title ? <strong>{title} </strong> : null}
      <span>{t(`error.${error.code}`)}</span>
      {error.code === 'rate_limited' && error.retryAfterMs ? (
        <span> ({Math.ceil(error.retryAfterMs / 1000)} s)</span>
      ) : null}
      {onRetry ? (
        <>
          {' '}
          <button type="button" className="td-button" data-slot="retry" onClick={onRetry}>
            {t('common.retry')}
          </button>
        </>
      ) : null}
    </div>
  );
}
