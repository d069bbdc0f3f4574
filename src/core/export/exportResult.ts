import type { RedactionOptions } from '../redaction';

/**
 * Something an export could not reproduce exactly, or changed on purpose.
 * `code` is stable for the UI to switch on (see the exporters for the list);
 * `message` is developer English; `header` names the header concerned.
 */
export interface ExportWarning {
  code: string;
  message: string;
  header?: string;
}

/** What every exporter returns: the text to copy and what to tell the analyst about it. */
export interface ExportResult {
  text: string;
  warnings: ExportWarning[];
}

/** Options every exporter accepts. */
export interface ExportOptions {
  /** Hide secrets with a visible placeholder. Off unless given. */
  redact?: RedactionOptions;
}
