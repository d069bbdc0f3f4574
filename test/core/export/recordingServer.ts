import { createServer, type IncomingMessage } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

/** What Node's HTTP parser made of a request. */
export interface Received {
  method: string;
  target: string;
  version: string;
  /** Raw header pairs in order (values as Node trims them), decoded as UTF-8. */
  headers: Array<[string, string]>;
  body: Buffer;
}

export interface RecordingServer {
  authority: string;
  /** The next request a client such as curl makes; `null` when the parser rejected it. */
  next(): Promise<Received | null>;
  /** Writes raw bytes on a new connection; `null` when the parser rejected them or never completed a request. */
  sendRaw(bytes: Buffer): Promise<Received | null>;
  close(): Promise<void>;
}

// Node reads the head as latin1; the bytes are UTF-8.
const utf8 = (value: string) => Buffer.from(value, 'latin1').toString('utf8');

function pairs(raw: string[]): Array<[string, string]> {
  const headers: Array<[string, string]> = [];
  for (let i = 0; i < raw.length; i += 2) headers.push([utf8(raw[i]!), utf8(raw[i + 1]!)]);
  return headers;
}

/** A loopback HTTP server that records what it receives, one request per connection. */
export async function startRecordingServer(): Promise<RecordingServer> {
  const waiting: Array<(value: Received | null) => void> = [];
  const byPort = new Map<number, (value: Received | null) => void>();
  const settle = (socket: Socket, value: Received | null) => {
    const port = socket.remotePort ?? -1;
    const resolve = byPort.get(port) ?? waiting.shift();
    byPort.delete(port);
    resolve?.(value);
  };
  // Requests without Host are part of what is recorded (Node answers 400 to them by default).
  const server = createServer({ maxHeaderSize: 1 << 20, keepAlive: false, requireHostHeader: false }, (req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      settle(req.socket, { method: req.method ?? '', target: utf8(req.url ?? ''), version: `HTTP/${req.httpVersion}`, headers: pairs(req.rawHeaders), body: Buffer.concat(chunks) });
      res.writeHead(204, { Connection: 'close' }).end();
    });
  });
  server.on('connect', (req: IncomingMessage, socket: Socket) => {
    settle(socket, { method: req.method ?? '', target: req.url ?? '', version: `HTTP/${req.httpVersion}`, headers: pairs(req.rawHeaders), body: Buffer.alloc(0) });
    socket.destroy();
  });
  server.on('clientError', (_error, socket: Socket) => {
    settle(socket, null);
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    authority: `127.0.0.1:${port}`,
    next: () => new Promise((resolve) => waiting.push(resolve)),
    sendRaw: (bytes) =>
      new Promise((resolve) => {
        const socket = connect(port, '127.0.0.1', () => {
          byPort.set(socket.localPort!, resolve);
          socket.end(bytes);
        });
        socket.on('error', () => {});
        socket.resume();
        // A request the parser never completes just ends with the connection.
        socket.on('close', () => {
          const pending = byPort.get(socket.localPort ?? -1);
          if (pending) setTimeout(() => byPort.get(socket.localPort ?? -1) === pending && (byPort.delete(socket.localPort!), pending(null)), 20);
        });
      }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
