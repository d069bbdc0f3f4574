/**
 * The OpenAPI document and the reference server describe the same API: every
 * operation in the document exists on the server, and every capability and
 * error code of the TypeScript contract is in the document.
 */
import { readFileSync } from 'node:fs';
import { createMemoryAdapter } from '../../../src/adapters/memory/index';
import { ADAPTER_ERROR_CODES } from '../../../src/core/errors';
import { startReferenceServer } from '../../../server/reference-server';
import { createHttpAdapter } from '../../../src/adapters/http/createHttpAdapter';
import { MAX_IDEMPOTENCY_KEY_LENGTH } from '../../../src/core/adapter';
import { REQUEST_LIMITS } from '../../../server/requestSchemas';
import { ROUTE_PERMISSIONS } from '../../../server/permissions';

const yaml = readFileSync(new URL('../../../openapi/threatdeck.openapi.yaml', import.meta.url), 'utf8');

/** `[method, path]` for each operation under `paths:` (two-space path keys, four-space methods). */
function operations(): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const section = yaml.slice(yaml.indexOf('\npaths:\n'), yaml.indexOf('\ncomponents:\n'));
  let path = '';
  for (const line of section.split('\n')) {
    const p = /^ {2}(\/\S*):$/.exec(line);
    if (p) path = p[1]!;
    const m = /^ {4}(get|post|delete|put|patch):$/.exec(line);
    if (m) out.push([m[1]!.toUpperCase(), path]);
  }
  return out;
}

/** The text of each operation, from its method line to the next operation or path. */
function operationTexts(): Map<string, string> {
  const out = new Map<string, string>();
  const section = yaml.slice(yaml.indexOf('\npaths:\n'), yaml.indexOf('\ncomponents:\n'));
  let path = '';
  let operation: string | null = null;
  for (const line of section.split('\n')) {
    const p = /^ {2}(\/\S*):$/.exec(line);
    const m = /^ {4}(get|post|delete|put|patch):$/.exec(line);
    if (p) {
      path = p[1]!;
      operation = null;
    } else if (m) {
      operation = `${m[1]!.toUpperCase()} ${path}`;
      out.set(operation, '');
    } else if (operation) out.set(operation, `${out.get(operation)}${line}\n`);
  }
  return out;
}

describe('openapi/threatdeck.openapi.yaml', () => {
  it('every write takes the Idempotency-Key header and documents 409 conflict (the preview is a read)', () => {
    const writes = [...operationTexts()].filter(([op]) => /^(POST|DELETE) /.test(op) && op !== 'POST /suppression-rules/preview');
    // 7 triage writes and 3 case writes (assignments, a note, a bulk note).
    expect(writes.map(([op]) => op)).toHaveLength(10);
    for (const [op, text] of writes) {
      expect(text, op).toContain("$ref: '#/components/parameters/IdempotencyKey'");
      expect(text, op).toContain("'409': { $ref: '#/components/responses/Conflict' }");
    }
    expect(operationTexts().get('POST /suppression-rules/preview')).not.toContain('IdempotencyKey');
  });

  it('states the limits the server enforces', () => {
    const key = yaml.slice(yaml.indexOf('    IdempotencyKey:\n'));
    expect(key).toMatch(new RegExp(`^ {6}schema: \\{ type: string, minLength: 1, maxLength: ${MAX_IDEMPOTENCY_KEY_LENGTH},`, 'm'));
    expect(yaml).toContain(`schema: { type: integer, minimum: 1, maximum: ${REQUEST_LIMITS.pageSize} }`);
    expect(yaml.match(/maxItems: (\d+)\n\s+items: \{ type: string, minLength: 1, maxLength: 512 \}/g)?.length).toBe(5); // status changes, Ignore, the case target
    expect(yaml).toContain(`maxItems: ${REQUEST_LIMITS.ids}`);
    expect(yaml.match(/reason: \{ type: string, maxLength: (\d+) \}/g)?.every((m) => m.endsWith(`${REQUEST_LIMITS.reasonLength} }`))).toBe(true);
    expect(yaml).toContain(`maxLength: ${REQUEST_LIMITS.asOfLength}`);
    expect(yaml).toContain(`maximum: ${REQUEST_LIMITS.blockDurationMs} }`);
  });

  it('declares OpenAPI 3.1 and every operation the adapter uses', () => {
    expect(yaml.startsWith('openapi: 3.1.')).toBe(true);
    expect(operations().map(([m, p]) => `${m} ${p}`).sort()).toEqual(
      [
        'GET /capabilities',
        'GET /activities',
        'GET /facets/{field}',
        'GET /overview',
        'GET /actors',
        'GET /activities/{id}',
        'GET /activities/{id}/attempts',
        'GET /activities/{id}/timeline',
        'GET /activities/{id}/remediation',
        'POST /status-changes',
        'GET /suppression-rules',
        'POST /suppression-rules',
        'POST /suppression-rules/preview',
        'DELETE /suppression-rules/{ruleId}',
        'GET /blocks',
        'POST /blocks',
        'DELETE /blocks/{blockId}',
        'GET /work-item-targets',
        'POST /work-items',
        'GET /events',
        'POST /events',
        // Case handling.
        'GET /users',
        'POST /assignments',
        'GET /activities/{id}/notes',
        'POST /activities/{id}/notes',
        'POST /notes',
        'GET /activities/{id}/history',
      ].sort(),
    );
  });

  it('every documented operation is served by the reference server', async () => {
    const running = await startReferenceServer({ adapter: createMemoryAdapter({ activities: 50, live: false }) });
    try {
      for (const [method, path] of operations()) {
        const url = `${running.url}${path.replace(/\{[^}]+\}/g, 'x')}`;
        const controller = new AbortController();
        const response = await fetch(url, { method, signal: controller.signal, ...(method === 'POST' ? { body: '{}', headers: { 'content-type': 'application/json' } } : {}) });
        const body = response.headers.get('content-type')?.includes('json') ? await response.json() : null;
        controller.abort();
        expect([method, path, body?.error?.message]).not.toEqual([method, path, 'No such endpoint.']);
        expect(response.status, `${method} ${path}`).not.toBe(405);
      }
    } finally {
      await running.close();
    }
  });

  it('declares the API key and bearer schemes, and every operation requires one and documents 401 and 403', () => {
    const schemes = yaml.slice(yaml.indexOf('\n  securitySchemes:\n'), yaml.indexOf('\n  responses:\n'));
    expect(schemes).toMatch(/ApiKey:\n\s+type: apiKey\n\s+in: header\n\s+name: X-API-Key\n/);
    expect(schemes).toMatch(/BearerToken:\n\s+type: http\n\s+scheme: bearer\n/);
    expect(yaml).toMatch(/^security:\n {2}- ApiKey: \[\]\n {2}- BearerToken: \[\]\n/m);
    const texts = [...operationTexts()];
    expect(texts).toHaveLength(Object.keys(ROUTE_PERMISSIONS).length);
    for (const [op, text] of texts) {
      expect(text, op).toContain('      security: [{ ApiKey: [] }, { BearerToken: [] }]\n');
      expect(text, op).toContain("'401': { $ref: '#/components/responses/Unauthorized' }");
      expect(text, op).toContain("'403': { $ref: '#/components/responses/Forbidden' }");
      // A JSON body is the only kind accepted: the others are 415.
      if (text.includes('requestBody:')) expect(text, op).toContain("'415': { $ref: '#/components/responses/UnsupportedMediaType' }");
    }
    expect(yaml).toMatch(/ {4}Unauthorized:\n(?: {6}.*\n)*? {8}WWW-Authenticate:/);
    expect(operationTexts().get('POST /events')).toContain("'413': { $ref: '#/components/responses/PayloadTooLarge' }");
  });

  it('the roles of each operation are the ones the server enforces', () => {
    const documented = Object.fromEntries(
      [...operationTexts()].map(([op, text]) => {
        const roles = /^ {6}x-roles: \[(.*)\]$/m.exec(text)?.[1]?.split(', ') ?? [];
        return [op.replace(/\{[^}]+\}/g, '{}'), [...roles].sort()];
      }),
    );
    const enforced = Object.fromEntries(Object.entries(ROUTE_PERMISSIONS).map(([op, roles]) => [op.replace(/:\w+/g, '{}'), [...roles].sort()]));
    expect(documented).toEqual(enforced);
  });

  it('describes ingest: the batch bound and the strict event', () => {
    const ingestRequest = yaml.slice(yaml.indexOf('    IngestRequest:\n'), yaml.indexOf('    IngestResult:\n'));
    expect(ingestRequest).toContain(`maxItems: ${REQUEST_LIMITS.ingestBatch}`);
    const event = yaml.slice(yaml.indexOf('    DetectionEvent:\n'), yaml.indexOf('    IngestRequest:\n'));
    expect(event).toContain('additionalProperties: false');
    for (const field of ['eventId', 'timestamp', 'actor', 'endpoint', 'policy', 'severity', 'type', 'category', 'subcategory', 'outcome', 'request', 'response']) {
      expect(event).toMatch(new RegExp(`^ {8}${field}:`, 'm'));
    }
  });

  it('names every capability and every server-side error code', () => {
    const capabilities = Object.keys(createHttpAdapter({ baseUrl: 'http://127.0.0.1:1' }).capabilities);
    for (const name of [...capabilities, 'sortableFields', 'ingest']) expect(yaml).toMatch(new RegExp(`^ {8}${name}:`, 'm'));
    const clientOnly = ['network', 'aborted', 'invalid_response', 'unknown'];
    const serverCodes = ADAPTER_ERROR_CODES.filter((c) => !clientOnly.includes(c));
    expect(yaml).toContain(`enum: [${serverCodes.join(', ')}]`);
  });
});
