/**
 * A throwaway PostgreSQL 15 cluster for the server tests: `initdb` in a fresh
 * temporary folder, listening on 127.0.0.1 and a socket in that folder only,
 * on a free port; `stop()` kills it (`-m immediate`) and removes the folder.
 * As root, the binaries run as the `postgres` user (initdb refuses root).
 *
 * When the binaries are missing the suite skips, except under CI=true where
 * it fails: a CI run must never pass without having tested the database.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface PostgresCluster {
  port: number;
  /** postgres://postgres@127.0.0.1:<port>/<database> */
  url(database: string): string;
  createDatabase(name: string, template?: string): void;
  stop(): void;
}

export function postgresAvailable(): boolean {
  return existsSync(join(PG_BIN, 'initdb')) && existsSync(join(PG_BIN, 'pg_ctl'));
}

/** True when the suite should run; throws under CI when it cannot. */
export function requirePostgres(): boolean {
  if (postgresAvailable()) return true;
  if (process.env.CI === 'true') throw new Error(`PostgreSQL binaries are missing in ${PG_BIN} (run scripts/ensure-system-deps.sh); CI must not skip the database tests.`);
  return false;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

function run(binary: string, args: string[]): string {
  const file = join(PG_BIN, binary);
  const [cmd, argv] = isRoot() ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
  return execFileSync(cmd, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export interface ClusterOptions {
  /** fsync and synchronous commit on (benchmarks); tests run without them. Default false. */
  durable?: boolean;
  sharedBuffers?: string;
}

export async function startPostgresCluster(clusterOptions: ClusterOptions = {}): Promise<PostgresCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'threatdeck-pg-'));
  if (isRoot()) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '-N']);
  const port = await freePort();
  const options = [
    `-p ${port}`,
    `-k ${dir}`,
    '-c listen_addresses=127.0.0.1',
    ...(clusterOptions.durable ? ['-c max_wal_size=8GB', '-c checkpoint_timeout=30min'] : ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off']),
    '-c max_connections=200',
    `-c shared_buffers=${clusterOptions.sharedBuffers ?? '128MB'}`,
  ].join(' ');
  run('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-t', '60', '-o', options, 'start']);
  let stopped = false;
  const psql = (sql: string) => run('psql', ['-h', dir, '-p', String(port), '-U', 'postgres', '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-qAtc', sql]);
  return {
    port,
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    createDatabase(name, template) {
      if (!/^[a-z][a-z0-9_]{0,62}$/.test(name) || (template !== undefined && !/^[a-z][a-z0-9_]{0,62}$/.test(template))) throw new Error(`bad database name ${name}`);
      psql(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
    },
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
