import { bodyBytes, bodyText, bytesToBase64 } from '../bodyBytes';
import type { HttpRequest } from '../model';
import { redactRequest } from '../redaction';
import type { ExportOptions, ExportResult, ExportWarning } from './exportResult';

export interface HarOptions extends ExportOptions {
  /** ISO 8601 time of the request; HAR requires one. Default: the epoch. */
  startedDateTime?: string;
}

/** `name=value` pairs split on `separator`, kept raw (HAR does not require decoding). */
function pairs(text: string, separator: RegExp): Array<{ name: string; value: string }> {
  return text
    .split(separator)
    .filter((part) => part !== '')
    .map((part) => {
      const eq = part.indexOf('=');
      return eq < 0 ? { name: part, value: '' } : { name: part.slice(0, eq), value: part.slice(eq + 1) };
    });
}

/**
 * A HAR 1.2 log holding one entry for the request, for tools that import HAR
 * (browser devtools, Burp, ZAP, Postman). HAR is data, not code, so nothing is
 * neutralised: method, URL, headers (order, duplicates, Content-Length and
 * pseudo-headers included) are exactly as observed and JSON-escaped. A body
 * that is not valid UTF-8 is base64 in `postData.text` with `_encoding: "base64"`
 * (HAR has no standard field for it; `body_base64` warning). The response is
 * empty (`status: 0`), as HAR writes for a request without one.
 */
export function toHar(request: HttpRequest, options?: HarOptions): ExportResult {
  const warnings: ExportWarning[] = [];
  const req = options?.redact ? redactRequest(request, options.redact) : request;
  if (options?.redact && JSON.stringify(req) !== JSON.stringify(request)) {
    warnings.push({ code: 'redacted', message: 'Some values were replaced by the redaction placeholder.' });
  }
  const query = req.url.indexOf('?');
  const hash = req.url.indexOf('#', query);
  const cookieHeaders = req.headers.filter(([name]) => name.toLowerCase() === 'cookie');
  const contentType = req.headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? '';

  let postData: Record<string, string> | undefined;
  if (req.body) {
    const text = bodyText(req.body);
    if (text === null) warnings.push({ code: 'body_base64', message: 'The body is not valid UTF-8; postData.text holds it as base64.' });
    postData = text !== null ? { mimeType: contentType, text } : { mimeType: contentType, text: bytesToBase64(bodyBytes(req.body)), _encoding: 'base64' };
  }

  const entry = {
    startedDateTime: options?.startedDateTime ?? new Date(0).toISOString(),
    time: 0,
    request: {
      method: req.method,
      url: req.url,
      httpVersion: req.httpVersion,
      cookies: cookieHeaders.flatMap(([, value]) => pairs(value, /;\s*/)),
      headers: req.headers.map(([name, value]) => ({ name, value })),
      queryString: query < 0 ? [] : pairs(req.url.slice(query + 1, hash < 0 ? undefined : hash), /&/),
      ...(postData ? { postData } : {}),
      headersSize: -1,
      bodySize: req.body ? bodyBytes(req.body).length : 0,
    },
    response: { status: 0, statusText: '', httpVersion: '', cookies: [], headers: [], content: { size: 0, mimeType: '' }, redirectURL: '', headersSize: -1, bodySize: -1 },
    cache: {},
    timings: { send: 0, wait: 0, receive: 0 },
  };
  const har = { log: { version: '1.2', creator: { name: 'threatdeck', version: '1' }, entries: [entry] } };
  return { text: JSON.stringify(har, null, 2), warnings };
}
