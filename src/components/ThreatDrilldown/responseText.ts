import { formatBytes } from '../../core/bodyView';
import type { HeaderPairs, HttpResponse } from '../../core/model';

/**
 * The response as raw HTTP text for the clipboard: status line, headers in
 * order (duplicates kept), blank line, body. Binary bodies are given as base64
 * with a note, since raw bytes cannot be copied as text.
 */
export function responseText(response: HttpResponse, headers: HeaderPairs = response.headers): string {
  const statusLine = `${response.httpVersion} ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  const lines = [statusLine, ...headers.map(([name, value]) => `${name}: ${value}`), ''];
  const body = response.body;
  if (!body) return lines.join('\r\n') + '\r\n';
  if (body.kind === 'text') return lines.join('\r\n') + '\r\n' + body.text;
  return `${lines.join('\r\n')}\r\n[binary body, ${formatBytes(body.size)}, base64]\r\n${body.base64}`;
}
