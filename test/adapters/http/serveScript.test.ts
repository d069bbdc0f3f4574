/**
 * `npm run server` (server/serve.mjs) before it touches a database: it
 * refuses to start without authentication, refuses plaintext or malformed
 * keys files and wildcard CORS, and makes keys whose digest is what the
 * keys file holds. (Serving over PostgreSQL is covered with the adapter.)
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const script = new URL('../../../server/serve.mjs', import.meta.url).pathname;
const DB = 'postgres://threatdeck@127.0.0.1:1/threatdeck';

function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [script, ...args], { env: { ...process.env, THREATDECK_DATABASE_URL: '', ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
  });
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'threatdeck-serve-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run server', { timeout: 60_000 }, () => {
  it('refuses to start without API keys unless told --insecure-no-auth', async () => {
    const result = await run(['--database-url', DB]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('refusing to start without authentication');
  });

  it('needs a postgres database URL', async () => {
    expect((await run(['--insecure-no-auth'])).stderr).toContain('--database-url');
    expect((await run(['--database-url', 'mysql://x/y', '--insecure-no-auth'])).code).toBe(2);
  });

  it('refuses a keys file that holds a plaintext key, an unknown role or nothing', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ keys: [{ id: 'alice', role: 'admin', sha256: 'tdk_plaintext-key' }] }, /sha256/],
      [{ keys: [{ id: 'alice', role: 'root', sha256: 'a'.repeat(64) }] }, /role/],
      [{ keys: [] }, /no keys/],
    ];
    for (const [content, message] of cases) {
      const file = join(dir, 'keys.json');
      writeFileSync(file, JSON.stringify(content));
      const result = await run(['--database-url', DB, '--api-keys-file', file]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toContain('tdk_plaintext-key');
    }
  });

  it('refuses a wildcard or non-origin CORS entry', async () => {
    for (const origin of ['*', 'https://a.example/path']) {
      const result = await run(['--database-url', DB, '--insecure-no-auth', '--cors-origin', `https://ok.example,${origin}`]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('CORS origin');
    }
  });

  it('--generate-key prints a fresh key and the entry that holds only its SHA-256', async () => {
    const result = await run(['--generate-key', 'detector-7:ingest']);
    expect(result.code).toBe(0);
    const key = /^\s+(tdk_\S+)$/m.exec(result.stdout)![1]!;
    const entry = JSON.parse(/^\s+(\{.*\})$/m.exec(result.stdout)![1]!);
    expect(entry).toEqual({ id: 'detector-7', role: 'ingest', sha256: createHash('sha256').update(key).digest('hex') });
    expect(key.length).toBeGreaterThanOrEqual(40);
    expect((await run(['--generate-key', 'x:superuser'])).code).toBe(2);
  });
});
