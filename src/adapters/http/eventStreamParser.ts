/**
 * A `text/event-stream` parser (the WHATWG "interpret an event stream"
 * algorithm) fed with decoded text chunks. Small on purpose: the HTTP adapter
 * reads SSE over fetch so that custom headers (auth) work, which the
 * browser's EventSource cannot send.
 */
export interface ServerSentEvent {
  /** The `event:` field; `message` when absent. */
  type: string;
  data: string;
  /** The last event id seen so far (what to send back as `Last-Event-ID`). */
  lastEventId: string;
}

export interface EventStreamParserOptions {
  onEvent: (event: ServerSentEvent) => void;
  /** The server's `retry:` field: the reconnection delay it asks for, in ms. */
  onRetry?: (ms: number) => void;
  /** Largest event (or line) accepted, in characters; beyond it `push` throws. Default 1 MiB. */
  maxEventLength?: number;
  /** The last event id from an earlier connection; it stands until this stream sends another. */
  lastEventId?: string;
}

export interface EventStreamParser {
  push(text: string): void;
  /**
   * What to send back as `Last-Event-ID`: updated when a frame ends, even a
   * frame with no data (a server's `id:` before any event counts).
   */
  readonly lastEventId: string;
}

export function createEventStreamParser(options: EventStreamParserOptions): EventStreamParser {
  const max = options.maxEventLength ?? 1 << 20;
  let buffer = '';
  let started = false;
  let afterCR = false;
  let type = '';
  let data: string[] = [];
  let dataLength = 0;
  let lastEventId = options.lastEventId ?? '';
  let idBuffer = lastEventId;

  const dispatch = () => {
    lastEventId = idBuffer;
    if (data.length > 0) options.onEvent({ type: type || 'message', data: data.join('\n'), lastEventId });
    type = '';
    data = [];
    dataLength = 0;
  };

  const line = (text: string) => {
    if (text === '') return dispatch();
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') type = value;
    else if (field === 'data') {
      dataLength += value.length + 1;
      if (dataLength > max) throw new Error(`event larger than ${max} characters`);
      data.push(value);
    } else if (field === 'id') {
      if (!value.includes('\0')) idBuffer = value;
    } else if (field === 'retry') {
      if (/^\d+$/.test(value)) options.onRetry?.(Number(value));
    }
  };

  return {
    get lastEventId() {
      return lastEventId;
    },
    push(text: string) {
      if (!started && text.length > 0) {
        started = true;
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      // A CR that ended the previous chunk already ended its line; skip a following LF.
      if (afterCR && text.startsWith('\n')) text = text.slice(1);
      afterCR = false;
      buffer += text;
      let start = 0;
      for (let i = 0; i < buffer.length; i++) {
        const c = buffer.charCodeAt(i);
        if (c !== 10 && c !== 13) continue;
        line(buffer.slice(start, i));
        if (c === 13) {
          if (i + 1 === buffer.length) afterCR = true;
          else if (buffer.charCodeAt(i + 1) === 10) i++;
        }
        start = i + 1;
      }
      buffer = buffer.slice(start);
      if (buffer.length > max) throw new Error(`line longer than ${max} characters`);
    },
  };
}
