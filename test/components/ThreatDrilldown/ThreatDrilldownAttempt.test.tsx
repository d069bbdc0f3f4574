// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ThreatDrilldown } from '../../../src/components/ThreatDrilldown';
import type { AttemptsParams } from '../../../src/core/adapter';
import { AdapterError } from '../../../src/core/errors';
import type { Attempt } from '../../../src/core/model';
import { createTestAdapter } from '../../../src/testing/createTestAdapter';
import { axeViolations, renderWithProvider } from '../../support/renderWithProvider';
import { makeAttempt, makeDetail, pending } from './drilldownFixtures';
import { installJsdomShims } from './jsdomShims';

installJsdomShims();

function pagedAdapter(all: Attempt[], overrides: Parameters<typeof createTestAdapter>[0] = {}) {
  return createTestAdapter({
    getActivity: async () => makeDetail(),
    listAttempts: async ({ cursor, pageSize }: AttemptsParams) => {
      const start = cursor ? Number(cursor) : 0;
      const items = all.slice(start, start + pageSize);
      return { items, total: all.length, nextCursor: start + pageSize < all.length ? String(start + pageSize) : null };
    },
    ...overrides,
  });
}

function renderAttempt(adapter: ReturnType<typeof createTestAdapter>, props: Partial<Parameters<typeof ThreatDrilldown.Attempt>[0]> = {}) {
  return renderWithProvider(
    <ThreatDrilldown.Root activityId="act-1" defaultTab="attempt">
      <ThreatDrilldown.Tabs />
      <ThreatDrilldown.Attempt {...props} />
    </ThreatDrilldown.Root>,
    adapter,
  );
}

const attempts = Array.from({ length: 5 }, (_, i) => makeAttempt(i));

describe('Attempt tab: list and paging', () => {
  it('lists attempts newest first with time, IP, status and outcome, pages with "Load more", and shows the chosen one', async () => {
    const user = userEvent.setup();
    renderAttempt(pagedAdapter(attempts), { pageSize: 3 });
    const table = await screen.findByRole('table', { name: 'Attempts, newest first' });
    let rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(3);
    expect(within(rows[0]!).getByText('203.0.113.7')).toBeInTheDocument();
    expect(within(rows[0]!).getByText('Successful exploit')).toBeInTheDocument();
    expect(within(rows[1]!).getByText('403')).toBeInTheDocument();
    expect(screen.getByText('Showing 3 of 5')).toBeInTheDocument();
    // The newest is shown by default.
    expect(within(rows[0]!).getByRole('button')).toHaveAttribute('aria-current', 'true');
    expect(screen.getByText('https://shop.example.com/api/users/0/orders?debug=1')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Load more attempts' }));
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(6));
    expect(screen.queryByRole('button', { name: 'Load more attempts' })).toBeNull();

    rows = within(table).getAllByRole('row').slice(1);
    await user.click(within(rows[4]!).getByRole('button'));
    expect(within(rows[4]!).getByRole('button')).toHaveAttribute('aria-current', 'true');
    expect(screen.getByText('https://shop.example.com/api/users/4/orders?debug=1')).toBeInTheDocument();
  });

  it('shows loading, empty and error states', async () => {
    const { unmount } = renderAttempt(pagedAdapter([], { listAttempts: () => pending() }));
    expect(await screen.findByText('Loading attempts…')).toBeInTheDocument();
    unmount();

    const empty = renderAttempt(pagedAdapter([]));
    expect(await screen.findByText('No attempts were recorded for this activity.')).toBeInTheDocument();
    empty.unmount();

    renderAttempt(pagedAdapter([], { listAttempts: () => Promise.reject(new AdapterError('rate_limited', 'slow', { retryAfterMs: 2000 })) }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not load the attempts.');
    expect(alert).toHaveTextContent('Too many requests.');
    expect(within(alert).getByRole('button', { name: 'Retry' })).toBeInTheDocument();
  });
});

describe('Attempt tab: request and response', () => {
  it('shows the request line, headers in order with duplicates, pretty JSON, and the response', async () => {
    renderAttempt(pagedAdapter([makeAttempt(1)]));
    const request = await screen.findByRole('region', { name: 'Request' });
    expect(within(request).getByText('POST')).toBeInTheDocument();
    const headers = within(request).getByRole('table', { name: 'Request · Headers' });
    const names = within(headers).getAllByRole('rowheader').map((c) => c.textContent);
    expect(names).toEqual(['Host', 'Content-Type', 'Authorization', 'Cookie', 'Cookie']);
    const body = within(request).getByRole('region', { name: 'Request · Body' });
    expect(body).toHaveAttribute('data-kind', 'json');
    expect(body.querySelector('pre')!.textContent).toBe('{\n  "item": "\' OR 1=1 --",\n  "n": 1\n}');
    const response = screen.getByRole('region', { name: 'Response' });
    expect(within(response).getByText('HTTP/1.1 403 Forbidden')).toBeInTheDocument();
    expect(await axeViolations(document.body)).toEqual([]);
  });

  it('redacts credentials in the view by default and shows them when the toggle is off', async () => {
    const user = userEvent.setup();
    renderAttempt(pagedAdapter([makeAttempt(1)]));
    const toggle = await screen.findByRole('checkbox', { name: 'Redact credentials' });
    expect(toggle).toBeChecked();
    const request = screen.getByRole('region', { name: 'Request' });
    expect(within(request).queryByText('Bearer secret-token-123')).toBeNull();
    expect(within(request).getAllByText('[REDACTED]').length).toBeGreaterThan(0);
    expect(within(request).getByText('session=[REDACTED]')).toBeInTheDocument();
    await user.click(toggle);
    expect(within(request).getByText('Bearer secret-token-123')).toBeInTheDocument();
    expect(within(request).getByText('session=abc')).toBeInTheDocument();
  });

  it('hides secret body fields of a credential post when redaction is on, in the fields, the raw text and the response', async () => {
    const user = userEvent.setup();
    const form = 'username=alice&Pass%77ord=hunter2&otp_code=991122&next=%2Fhome';
    const post = makeAttempt(3, {
      request: {
        ...makeAttempt(3).request,
        headers: [['Host', 'shop.example.com'], ['Content-Type', 'application/x-www-form-urlencoded'], ['Content-Length', String(form.length)]],
        body: { kind: 'text', text: form, size: form.length, truncated: false },
      },
      response: {
        status: 200,
        httpVersion: 'HTTP/1.1',
        headers: [['Content-Type', 'application/json']],
        body: { kind: 'text', text: '{"access_token":"eyJ.tok.en","expires_in":3600}', size: 47, truncated: false },
      },
    });
    renderAttempt(pagedAdapter([post]));
    const body = await screen.findByRole('region', { name: 'Request · Body' });
    const request = screen.getByRole('region', { name: 'Request' });
    const response = screen.getByRole('region', { name: 'Response' });
    const rows = () => within(body).getAllByRole('row').slice(1).map((r) => Array.from(r.children).map((c) => c.textContent));
    expect(rows()).toEqual([
      ['username', 'alice'],
      ['Password', '[REDACTED]'],
      ['otp_code', '[REDACTED]'],
      ['next', '/home'],
    ]);
    expect(request.textContent).not.toMatch(/hunter2|991122/);
    expect(response.textContent).not.toContain('eyJ.tok.en');
    expect(within(request).getByText(String('username=alice&Pass%77ord=[REDACTED]&otp_code=[REDACTED]&next=%2Fhome'.length))).toBeInTheDocument();
    await user.click(within(body).getByRole('button', { name: 'Show raw' }));
    expect(body.querySelector('pre')!.textContent).toBe('username=alice&Pass%77ord=[REDACTED]&otp_code=[REDACTED]&next=%2Fhome');

    await user.click(screen.getByRole('checkbox', { name: 'Redact credentials' }));
    expect(screen.getByRole('region', { name: 'Request · Body' }).textContent).toContain('Pass%77ord=hunter2');
    expect(screen.getByRole('region', { name: 'Response' }).textContent).toContain('eyJ.tok.en');
  });

  it('decodes form bodies for reading and can show them raw', async () => {
    const user = userEvent.setup();
    const form = makeAttempt(2, {
      request: {
        ...makeAttempt(2).request,
        headers: [['Content-Type', 'application/x-www-form-urlencoded']],
        body: { kind: 'text', text: 'user=admin%27--&note=a+b&user=2', size: 31, truncated: false },
      },
    });
    renderAttempt(pagedAdapter([form]));
    const body = await screen.findByRole('region', { name: 'Request · Body' });
    const rows = within(body).getAllByRole('row').slice(1).map((r) => Array.from(r.children).map((c) => c.textContent));
    expect(rows).toEqual([
      ['user', "admin'--"],
      ['note', 'a b'],
      ['user', '2'],
    ]);
    await user.click(within(body).getByRole('button', { name: 'Show raw' }));
    expect(body.querySelector('pre')!.textContent).toBe('user=admin%27--&note=a+b&user=2');
  });

  it('caps a huge body and shows all on request', async () => {
    const user = userEvent.setup();
    const huge = 'X'.repeat(2_000_000);
    const a = makeAttempt(2, {
      request: { ...makeAttempt(2).request, headers: [['Content-Type', 'text/plain']], body: { kind: 'text', text: huge, size: huge.length, truncated: true } },
    });
    renderAttempt(pagedAdapter([a]), { bodyCap: 10_000 });
    const body = await screen.findByRole('region', { name: 'Request · Body' });
    expect(body.querySelector('pre')!.textContent).toHaveLength(10_000);
    expect(within(body).getByText(/Showing the first 10,000 of 2,000,000 characters\./)).toBeInTheDocument();
    expect(within(body).getByText('The capture was cut off; the body shown is incomplete.')).toBeInTheDocument();
    await user.click(within(body).getByRole('button', { name: 'Show all' }));
    expect(body.querySelector('pre')!.textContent).toHaveLength(2_000_000);
    expect(within(body).getByRole('button', { name: 'Show less' })).toHaveAttribute('aria-expanded', 'true');
  });

  it('shows a binary body as a hex preview with its size', async () => {
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7) % 256));
    const a = makeAttempt(2, {
      response: {
        status: 200,
        httpVersion: 'HTTP/2',
        headers: [['content-type', 'application/octet-stream']],
        body: { kind: 'bytes', base64: bytes.toString('base64'), size: bytes.length, truncated: false },
      },
    });
    renderAttempt(pagedAdapter([a]));
    const body = await screen.findByRole('region', { name: 'Response · Body' });
    expect(body).toHaveAttribute('data-kind', 'binary');
    expect(within(body).getByText('Binary, 4.0 KiB; first 512 bytes as hex')).toBeInTheDocument();
    const lines = body.querySelector('pre')!.textContent!.split('\n');
    expect(lines).toHaveLength(32);
    expect(lines[0]).toMatch(/^00000000 {2}00 07 0e 15 1c 23 2a 31 {2}38 3f 46 4d 54 5b 62 69 {2}\|/);
  });

  it('says when no response was captured', async () => {
    renderAttempt(pagedAdapter([makeAttempt(2, { response: null })]));
    expect(await screen.findByText('No response was captured for this attempt.')).toBeInTheDocument();
    expect(screen.getByText('No response')).toBeInTheDocument();
  });
});

describe('Attempt tab: copy', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('copies as cURL with redaction by default and confirms in a live region', async () => {
    const user = userEvent.setup();
    renderAttempt(pagedAdapter([makeAttempt(1)]));
    const writeText = vi.spyOn(navigator.clipboard, 'writeText');
    await user.click(await screen.findByRole('button', { name: 'Copy as…' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Copy as cURL' }));
    await waitFor(() => expect(writeText).toHaveBeenCalledTimes(1));
    const copied = writeText.mock.calls[0]![0];
    expect(copied).toMatch(/^curl /);
    expect(copied).not.toContain('secret-token-123');
    expect(copied).toContain('[REDACTED]');
    expect(await screen.findByText('Copied cURL command to the clipboard, credentials redacted.')).toHaveAttribute('role', 'status');
  });

  it('copies as a Burp raw request: CRLF lines, redacted by default', async () => {
    const user = userEvent.setup();
    renderAttempt(pagedAdapter([makeAttempt(1)]));
    const writeText = vi.spyOn(navigator.clipboard, 'writeText');
    await user.click(await screen.findByRole('button', { name: 'Copy as…' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Copy as Burp raw request' }));
    await waitFor(() => expect(writeText).toHaveBeenCalledTimes(1));
    const copied = writeText.mock.calls[0]![0];
    expect(copied).toMatch(/^[A-Z]+ \/\S* HTTP\/1\.1\r\nHost: /);
    expect(copied.split('\r\n\r\n')[0]).not.toMatch(/[^\r]\n/);
    expect(copied).not.toContain('secret-token-123');
  });

  it('copies a credential post in every format without its secret fields, Content-Length recounted', async () => {
    const user = userEvent.setup();
    const json = '{"user":"alice","credentials":{"password":"hunter2"},"client_secret":"cs-991"}';
    const post = makeAttempt(3, {
      request: {
        ...makeAttempt(3).request,
        headers: [['Host', 'shop.example.com'], ['Content-Type', 'application/json'], ['Content-Length', String(json.length)]],
        body: { kind: 'text', text: json, size: json.length, truncated: false },
      },
      response: { status: 200, httpVersion: 'HTTP/1.1', headers: [], body: { kind: 'text', text: 'token=abc123', size: 12, truncated: false } },
    });
    renderAttempt(pagedAdapter([post]));
    const writeText = vi.spyOn(navigator.clipboard, 'writeText');
    const items = ['Copy as cURL', 'Copy as Burp raw request', 'Copy as fetch()', 'Copy as HAR', 'Copy response'];
    for (const [i, name] of items.entries()) {
      await user.click(await screen.findByRole('button', { name: 'Copy as…' }));
      await user.click(await screen.findByRole('menuitem', { name }));
      await waitFor(() => expect(writeText).toHaveBeenCalledTimes(i + 1));
      const copied = writeText.mock.calls[i]![0];
      expect({ name, leaks: /hunter2|cs-991|abc123/.test(copied) }).toEqual({ name, leaks: false });
    }
    // "credentials" is itself a secret name: its whole object goes.
    const redacted = '{"user":"alice","credentials":"[REDACTED]","client_secret":"[REDACTED]"}';
    expect(writeText.mock.calls[1]![0]).toContain(`Content-Length: ${redacted.length}\r\n\r\n${redacted}`);
    expect(writeText.mock.calls[4]![0]).toContain('token=[REDACTED]');
  });

  it('copies unredacted when the toggle is off, and copies the response', async () => {
    const user = userEvent.setup();
    renderAttempt(pagedAdapter([makeAttempt(1)]));
    const writeText = vi.spyOn(navigator.clipboard, 'writeText');
    await user.click(await screen.findByRole('checkbox', { name: 'Redact credentials' }));
    await user.click(screen.getByRole('button', { name: 'Copy as…' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Copy as cURL' }));
    await waitFor(() => expect(writeText).toHaveBeenCalledTimes(1));
    expect(writeText.mock.calls[0]![0]).toContain('secret-token-123');

    await user.click(screen.getByRole('button', { name: 'Copy as…' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Copy response' }));
    await waitFor(() => expect(writeText).toHaveBeenCalledTimes(2));
    expect(writeText.mock.calls[1]![0]).toBe('HTTP/1.1 403 Forbidden\r\nContent-Type: application/json\r\nSet-Cookie: a=1\r\n\r\n{"ok":true}');
    expect(await screen.findByText('Copied response to the clipboard.')).toBeInTheDocument();
  });

  it('falls back to a hidden textarea when navigator.clipboard is missing', async () => {
    const user = userEvent.setup();
    renderAttempt(pagedAdapter([makeAttempt(1)]));
    Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true });
    let copiedText: string | null = null;
    const exec = vi.fn((command: string) => {
      const active = document.activeElement;
      if (command === 'copy' && active instanceof HTMLTextAreaElement) copiedText = active.value.slice(active.selectionStart, active.selectionEnd);
      return true;
    });
    Object.defineProperty(document, 'execCommand', { value: exec, configurable: true });
    await user.click(await screen.findByRole('button', { name: 'Copy as…' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Copy response' }));
    expect(await screen.findByText(/Copied response/)).toBeInTheDocument();
    expect(exec).toHaveBeenCalledWith('copy');
    expect(copiedText).toContain('HTTP/1.1 403 Forbidden');
    expect(document.querySelector('textarea')).toBeNull();
  });

  it('says when copying failed', async () => {
    const user = userEvent.setup();
    renderAttempt(pagedAdapter([makeAttempt(1)]));
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new Error('denied')) }, configurable: true });
    Object.defineProperty(document, 'execCommand', { value: () => false, configurable: true });
    await user.click(await screen.findByRole('button', { name: 'Copy as…' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Copy as cURL' }));
    expect(await screen.findByText('Could not copy cURL command. Select the text and copy it by hand.')).toBeInTheDocument();
  });
});
