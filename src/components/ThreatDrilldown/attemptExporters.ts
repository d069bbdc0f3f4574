/**
 * The request exporters offered in the Attempt tab's copy menu, in menu order.
 * cURL and Burp first; the others follow.
 */
import type { ExportOptions, ExportResult } from '../../core/export/exportResult';
import { toBurp } from '../../core/export/toBurp';
import { toCurl } from '../../core/export/toCurl';
import { toFetch } from '../../core/export/toFetch';
import { toHar } from '../../core/export/toHar';
import type { HttpRequest } from '../../core/model';

export type RequestExporterId = 'curl' | 'burp' | 'fetch' | 'har' | 'powershell';

export interface RequestExporter {
  id: RequestExporterId;
  run: (request: HttpRequest, options?: ExportOptions) => ExportResult;
}

export const REQUEST_EXPORTERS: readonly RequestExporter[] = [
  { id: 'curl', run: toCurl },
  { id: 'burp', run: toBurp },
  { id: 'fetch', run: toFetch },
  { id: 'har', run: toHar },
];
