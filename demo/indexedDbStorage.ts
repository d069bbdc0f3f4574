/**
 * The demo's write-log storage in IndexedDB (see src/adapters/memory/writeLog.ts):
 * one object store, one value per seed and dataset size. Works in the page and
 * in the adapter worker (same origin, same database).
 */
import type { WriteLogStorage } from '../src/adapters/memory/writeLog';

const DB_NAME = 'threatdeck-demo';
const STORE = 'writeLogs';

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error('IndexedDB is blocked by another tab.'));
  });
}

function run<T>(mode: IDBTransactionMode, action: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return openDb().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const tx = db.transaction(STORE, mode);
        const request = action(tx.objectStore(STORE));
        // Resolved when the transaction commits, not when the request succeeds: a reload right after still finds it.
        tx.oncomplete = () => {
          db.close();
          resolve(request.result);
        };
        tx.onerror = tx.onabort = () => {
          db.close();
          reject(tx.error ?? request.error);
        };
      }),
  );
}

export const indexedDbStorage: WriteLogStorage = {
  load: (key) => run('readonly', (s) => s.get(key)),
  save: (key, value) => run('readwrite', (s) => s.put(value, key)).then(() => undefined),
  remove: (key) => run('readwrite', (s) => s.delete(key)).then(() => undefined),
};

/** The demo's state is per dataset: another seed or size starts from its own log. */
export const demoStateKey = (seed: number, activities: number) => `memory:${seed}:${activities}`;
