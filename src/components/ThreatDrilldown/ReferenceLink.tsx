import type { Reference } from '../../core/model';
import { safeHref } from '../../core/safeHref';

/** A reference as a link when its URL is http(s), otherwise as plain text. */
export function ReferenceLink({ reference }: { reference: Reference }) {
  const href = safeHref(reference.url);
  const label = (
    <>
      <span data-slot="reference-id" className="td-mono">{reference.id}</span> <span data-slot="reference-title">{reference.title}</span>
    </>
  );
  return href ? (
    <a data-slot="reference" href={href} target="_blank" rel="noopener noreferrer">
      {label}
    </a>
  ) : (
    <span data-slot="reference">{label}</span>
  );
}
