/**
 * A loopback HTTP proxy for fault tests, in front of the reference server.
 * Each request is forwarded unchanged unless a scripted fault matches it:
 *
 * - `status`: answered by the proxy (e.g. a gateway's 503) and never forwarded;
 * - `reset`: the client's connection is cut before anything is forwarded;
 * - `delay`: forwarded after a pause, even if the client has given up by then
 *   (what a proxy that already sent the request upstream does);
 * - `dropAfterCommit`: forwarded, the upstream's whole answer awaited (so the
 *   write is committed), then the client's connection is cut instead of
 *   answering: the outcome is lost.
 *
 * `settled()` waits for every forward still under way, so a test reads the
 * backend's state only once nothing more can arrive.
 */
import { createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ProxyFault =
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: string }
  | { kind: 'reset' }
  | { kind: 'delay'; ms: number }
  | {
      kind: 'dropAfterCommit';
      /** Runs after the upstream answered and before the client's connection is cut (e.g. another analyst's write). */
      afterCommit?: () => unknown;
    };

export interface FaultRule {
  method: string;
  /** Matches the request path (without the query string). */
  path: RegExp;
  fault: ProxyFault;
  /** How many matching requests it hits; default every one. */
  times?: number;
}

export interface ProxiedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The fault applied to it, if any. */
  fault?: ProxyFault['kind'];
  /** The upstream's status and body, when the request was forwarded and answered (also when the client never got them). */
  upstreamStatus?: number;
  upstreamBody?: string;
}

export interface FaultProxy {
  /** `http://127.0.0.1:<port>`: the base URL to give the client. */
  url: string;
  requests: ProxiedRequest[];
  inject(rule: FaultRule): void;
  clear(): void;
  settled(): Promise<void>;
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection', 'te', 'trailer']);

function readAll(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

export async function startFaultProxy(upstream: string): Promise<FaultProxy> {
  const target = new URL(upstream);
  const rules: Array<FaultRule & { hits: number }> = [];
  const requests: ProxiedRequest[] = [];
  const inFlight = new Set<Promise<unknown>>();

  function pick(method: string, path: string): ProxyFault | undefined {
    const rule = rules.find((r) => r.method === method && r.path.test(path) && (r.times === undefined || r.hits < r.times));
    if (!rule) return undefined;
    rule.hits++;
    return rule.fault;
  }

  /** Sends the request upstream and resolves with its whole answer. */
  function forward(req: IncomingMessage, body: Buffer): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !HOP_BY_HOP.has(name) && name !== 'host'));
    return new Promise((resolve, reject) => {
      const out = httpRequest(
        { host: target.hostname, port: target.port, method: req.method, path: `${target.pathname.replace(/\/$/, '')}${req.url}`, headers: { ...headers, 'content-length': String(body.length) } },
        (res) => readAll(res).then((text) => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: text }), reject),
      );
      out.on('error', reject);
      out.end(body);
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const body = await readAll(req);
    const path = new URL(req.url ?? '/', 'http://proxy.invalid').pathname;
    const fault = pick(req.method ?? 'GET', path);
    const record: ProxiedRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: body.toString('utf8'), ...(fault ? { fault: fault.kind } : {}) };
    requests.push(record);
    if (fault?.kind === 'reset') return void req.socket.destroy();
    if (fault?.kind === 'status') {
      res.writeHead(fault.status, { 'content-type': 'text/plain', ...fault.headers });
      return void res.end(fault.body ?? 'injected by the fault proxy');
    }
    if (fault?.kind === 'delay') await new Promise((r) => setTimeout(r, fault.ms));
    const answer = await forward(req, body);
    record.upstreamStatus = answer.status;
    record.upstreamBody = answer.body.toString('utf8');
    if (fault?.kind === 'dropAfterCommit') {
      await fault.afterCommit?.();
      return void req.socket.destroy();
    }
    if (res.destroyed) return; // the client gave up meanwhile (a delay longer than its timeout)
    const headers = Object.fromEntries(Object.entries(answer.headers).filter(([name]) => !HOP_BY_HOP.has(name)));
    res.writeHead(answer.status, headers as Record<string, string | string[]>);
    res.end(answer.body);
  }

  const server = createServer((req, res) => {
    const done = handle(req, res).catch(() => {
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end('upstream failed');
      } else res.destroy();
    });
    inFlight.add(done);
    void done.finally(() => inFlight.delete(done));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    inject: (rule) => void rules.push({ ...rule, hits: 0 }),
    clear: () => void (rules.length = 0),
    async settled() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
