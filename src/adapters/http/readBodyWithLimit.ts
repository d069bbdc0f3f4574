/**
 * Reads a fetch Response body as a stream, stopping (and cancelling the
 * transfer) as soon as it exceeds `maxBytes`, so a runaway response costs at
 * most `maxBytes` of memory instead of all of it.
 */
import { AdapterError } from '../../core/errors';

export function tooLargeError(maxBytes: number, status?: number): AdapterError {
  return new AdapterError('invalid_response', `The response is larger than the ${maxBytes}-byte limit.`, {
    detail: `response body exceeds maxResponseBytes (${maxBytes})`,
    ...(status !== undefined ? { status } : {}),
  });
}

export async function readBodyWithLimit(response: Response, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw tooLargeError(maxBytes, response.status);
  }
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      chunks.length = 0;
      await reader.cancel().catch(() => {});
      throw tooLargeError(maxBytes, response.status);
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
