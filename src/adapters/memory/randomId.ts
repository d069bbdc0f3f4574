/**
 * Unguessable ids for what the memory adapter mints (rules, blocks, ingested
 * activities): 128 random bits from the platform's CSPRNG. `getRandomValues`
 * rather than `randomUUID`, which browsers offer only in secure contexts.
 */
export function randomId(prefix: string): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  let hex = '';
  for (const b of bytes) hex += b.toString(16).padStart(2, '0');
  return `${prefix}-${hex}`;
}
