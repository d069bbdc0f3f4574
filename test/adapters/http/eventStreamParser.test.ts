import { createEventStreamParser, type ServerSentEvent } from '../../../src/adapters/http/eventStreamParser';

function parse(chunks: string[]) {
  const events: ServerSentEvent[] = [];
  const retries: number[] = [];
  const parser = createEventStreamParser({ onEvent: (e) => events.push(e), onRetry: (ms) => retries.push(ms) });
  for (const chunk of chunks) parser.push(chunk);
  return { events, retries, parser };
}

describe('createEventStreamParser', () => {
  it('dispatches events on a blank line with type, data and id', () => {
    const { events } = parse(['event: activity\nid: 7\ndata: {"a":1}\n\n']);
    expect(events).toEqual([{ type: 'activity', data: '{"a":1}', lastEventId: '7' }]);
  });

  it('joins multi-line data with LF and defaults the type to message', () => {
    const { events } = parse(['data: one\ndata:two\ndata\n\n']);
    expect(events).toEqual([{ type: 'message', data: 'one\ntwo\n', lastEventId: '' }]);
  });

  it('handles CRLF, CR and LF line ends, even split across chunks', () => {
    const { events } = parse(['data: a\r', '\n\r', '\ndata: b\r\r', 'data: c\n', '\n']);
    expect(events.map((e) => e.data)).toEqual(['a', 'b', 'c']);
  });

  it('survives any chunking of the same stream (byte by byte)', () => {
    const stream = '\uFEFF: hello\nretry: 2500\nevent: x\nid: 1\ndata: é😀\r\n\r\nid: 2\ndata: z\n\n';
    const whole = parse([stream]);
    const split = parse([...stream]);
    expect(split.events).toEqual(whole.events);
    expect(whole.events).toEqual([
      { type: 'x', data: 'é😀', lastEventId: '1' },
      { type: 'message', data: 'z', lastEventId: '2' },
    ]);
    expect(whole.retries).toEqual([2500]);
  });

  it('ignores comments, unknown fields, bad retry values and ids with NUL', () => {
    const { events, retries, parser } = parse([': ping\nfoo: bar\nretry: 12x\nid: a\0b\ndata: d\n\n']);
    expect(events).toEqual([{ type: 'message', data: 'd', lastEventId: '' }]);
    expect(retries).toEqual([]);
    expect(parser.lastEventId).toBe('');
  });

  it('does not dispatch an event without data, nor one cut off at the end', () => {
    const { events, parser } = parse(['event: x\nid: 9\n\n', 'data: partial']);
    expect(events).toEqual([]);
    expect(parser.lastEventId).toBe('9');
  });

  it('refuses an event larger than the limit', () => {
    const parser = createEventStreamParser({ onEvent: () => {}, maxEventLength: 10 });
    expect(() => parser.push('data: 0123456789abc\n')).toThrow(/larger than 10/);
    const lines = createEventStreamParser({ onEvent: () => {}, maxEventLength: 10 });
    expect(() => lines.push('data: 0123456789abc')).toThrow(/longer than 10/);
  });
});
