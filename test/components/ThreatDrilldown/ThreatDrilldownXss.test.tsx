// @vitest-environment jsdom
/**
 * Attacker-written strings (test/fixtures/xss-payloads.txt) in every field the
 * drilldown shows. Each render is compared with the same render of harmless
 * text: the element tree and attribute names must be identical, no on*
 * attribute may exist, every link must be http(s), and each field's text must
 * equal the payload exactly.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { screen, waitFor, within } from '@testing-library/react';
import { ThreatDrilldown } from '../../../src/components/ThreatDrilldown';
import type { ActivityDetail, Attempt, Remediation } from '../../../src/core/model';
import { DEFAULT_REDACTION, isSecretFieldName } from '../../../src/core/redaction';
import { createTestAdapter } from '../../../src/testing/createTestAdapter';
import { renderWithProvider } from '../../support/renderWithProvider';
import { makeAttempt, makeDetail } from './drilldownFixtures';
import { installJsdomShims } from './jsdomShims';

installJsdomShims();

const PAYLOADS = readFileSync(resolve(__dirname, '../../fixtures/xss-payloads.txt'), 'utf8').split('\n').filter(Boolean);

/** Tag names and attribute names (not values) of every element, in document order. */
function shape(root: Element): string[] {
  return Array.from(root.querySelectorAll('*'), (el) => `${el.tagName}[${el.getAttributeNames().sort().join(',')}]`);
}

function assertNothingInjected(root: Element) {
  for (const el of Array.from(root.querySelectorAll('*'))) {
    for (const name of el.getAttributeNames()) expect(name.toLowerCase().startsWith('on'), `${el.tagName} has ${name}`).toBe(false);
    if (el.hasAttribute('href')) expect(el.getAttribute('href')).toMatch(/^https?:\/\//);
  }
  expect(root.querySelectorAll('script, img, iframe, object, embed, style, link, meta, base, frame, form, math, video, audio')).toHaveLength(0);
}

const texts = (root: Element, slot: string) => Array.from(root.querySelectorAll(`[data-slot="${slot}"]`), (el) => el.textContent);

describe('XSS payloads render as text only', () => {
  it('in the header: endpoint, host, category, policy, actor, block target and work items', async () => {
    const FIELDS = 11;
    const count = Math.ceil(PAYLOADS.length / FIELDS);
    const p = (k: number, f: number) => PAYLOADS[(k * FIELDS + f) % PAYLOADS.length]!;
    const detail = (k: number, benign: boolean): ActivityDetail => {
      const v = (f: number) => (benign ? `benign-${f}` : p(k, f));
      return makeDetail({
        id: `a${k}`,
        endpoint: { method: v(0), path: v(1), host: v(2) },
        category: v(3),
        subcategory: v(4),
        policy: { id: 'p', name: v(5) },
        actor: { ip: v(6), country: v(7), label: v(8) },
        blocked: { blockId: 'b', target: v(9), expiresAt: null },
        workItems: [{ targetId: 't', key: v(10), url: 'https://jira.example.com/browse/X-1', createdAt: 0 }],
      });
    };
    const renderAll = (benign: boolean) =>
      renderWithProvider(
        <>
          {Array.from({ length: count }, (_, k) => (
            <ThreatDrilldown.Root key={k} activityId={`a${k}`}>
              <ThreatDrilldown.Header />
            </ThreatDrilldown.Root>
          ))}
        </>,
        createTestAdapter({ getActivity: async ({ id }) => detail(Number(id.slice(1)), benign) }),
      );

    const baseline = renderAll(true);
    await waitFor(() => expect(baseline.container.querySelectorAll('[data-slot="policy"]')).toHaveLength(count), { timeout: 30_000 });
    const expected = Array.from(baseline.container.querySelectorAll('[data-slot="drilldown-header"]'), shape);
    baseline.unmount();

    const { container } = renderAll(false);
    await waitFor(() => expect(container.querySelectorAll('[data-slot="policy"]')).toHaveLength(count), { timeout: 30_000 });
    const headers = Array.from(container.querySelectorAll('[data-slot="drilldown-header"]'));
    expect(headers.map(shape)).toEqual(expected);
    assertNothingInjected(container);
    expect(texts(container, 'endpoint-method')).toEqual(Array.from({ length: count }, (_, k) => p(k, 0)));
    expect(texts(container, 'endpoint-path')).toEqual(Array.from({ length: count }, (_, k) => p(k, 1)));
    expect(texts(container, 'endpoint-host')).toEqual(Array.from({ length: count }, (_, k) => p(k, 2)));
    expect(texts(container, 'policy')).toEqual(Array.from({ length: count }, (_, k) => p(k, 5)));
    expect(texts(container, 'actor-ip')).toEqual(Array.from({ length: count }, (_, k) => p(k, 6)));
    expect(texts(container, 'actor-label')).toEqual(Array.from({ length: count }, (_, k) => p(k, 8)));
    expect(texts(container, 'actor-blocked')).toEqual(Array.from({ length: count }, (_, k) => `Blocked (${p(k, 9)}) permanently`));
    expect(texts(container, 'work-item')).toEqual(Array.from({ length: count }, (_, k) => p(k, 10)));
  });

  it('in request and response: method, URL, header names and values, text, JSON and form bodies', async () => {
    const build = (benign: boolean): Attempt => {
      const list = benign ? PAYLOADS.map((_, i) => `benign-${i}`) : PAYLOADS;
      return makeAttempt(1, {
        sourceIp: benign ? 'benign-ip' : PAYLOADS[3]!,
        request: {
          method: benign ? 'benign-method' : PAYLOADS[0]!,
          url: benign ? 'benign-url' : PAYLOADS[1]!,
          httpVersion: benign ? 'benign-version' : PAYLOADS[2]!,
          headers: list.map((v, i): [string, string] => [benign ? `h${i}` : PAYLOADS[(i + 7) % PAYLOADS.length]!, v]),
          body: { kind: 'text', text: list.join('\n'), size: 1, truncated: false },
        },
        response: {
          status: 200,
          statusText: benign ? 'benign-status' : PAYLOADS[4]!,
          httpVersion: 'HTTP/1.1',
          headers: [['Content-Type', 'application/json']],
          body: { kind: 'text', text: JSON.stringify(list), size: 1, truncated: false },
        },
      });
    };
    const renderOne = (benign: boolean) =>
      renderWithProvider(
        <ThreatDrilldown.Root activityId="act-1" defaultTab="attempt">
          <ThreatDrilldown.Tabs />
          <ThreatDrilldown.Attempt bodyCap={10_000_000} />
        </ThreatDrilldown.Root>,
        createTestAdapter({ listAttempts: async () => ({ items: [build(benign)], total: 1, nextCursor: null }) }),
      );
    const baseline = renderOne(true);
    await screen.findByRole('region', { name: 'Request' });
    const expected = shape(baseline.container);
    baseline.unmount();

    const { container } = renderOne(false);
    const request = await screen.findByRole('region', { name: 'Request' });
    // Redaction is on by default; it only replaces values of credential headers.
    await screen.findByRole('checkbox', { name: 'Redact credentials' });
    expect(shape(container)).toEqual(expected);
    assertNothingInjected(container);
    expect(texts(request, 'request-method')).toEqual([PAYLOADS[0]]);
    expect(texts(request, 'request-url')).toEqual([PAYLOADS[1]]);
    expect(texts(container, 'attempt-ip')).toEqual([PAYLOADS[3]]);
    expect(texts(request, 'header-name')).toEqual(PAYLOADS.map((_, i) => PAYLOADS[(i + 7) % PAYLOADS.length]));
    const values = texts(request, 'header-value');
    PAYLOADS.forEach((payload, i) => {
      if (values[i] !== '[REDACTED]' && !values[i]!.includes('[REDACTED]')) expect(values[i]).toBe(payload);
    });
    expect(request.querySelector('[data-slot="body-text"]')!.textContent).toBe(PAYLOADS.join('\n'));
    const response = screen.getByRole('region', { name: 'Response' });
    expect(JSON.parse(response.querySelector('[data-slot="body-text"]')!.textContent!)).toEqual(PAYLOADS);
  });

  it('in decoded form bodies', async () => {
    const form = (benign: boolean) =>
      makeAttempt(1, {
        request: {
          ...makeAttempt(1).request,
          headers: [['Content-Type', 'application/x-www-form-urlencoded']],
          body: {
            kind: 'text',
            text: PAYLOADS.map((v, i) => `${encodeURIComponent(benign ? `n${i}` : v)}=${encodeURIComponent(benign ? `v${i}` : v)}`).join('&'),
            size: 1,
            truncated: false,
          },
        },
      });
    const renderOne = (benign: boolean) =>
      renderWithProvider(
        <ThreatDrilldown.Root activityId="act-1" defaultTab="attempt">
          <ThreatDrilldown.Attempt />
        </ThreatDrilldown.Root>,
        createTestAdapter({ listAttempts: async () => ({ items: [form(benign)], total: 1, nextCursor: null }) }),
      );
    const baseline = renderOne(true);
    const expected = shape(await screen.findByRole('region', { name: 'Request · Body' }));
    baseline.unmount();
    renderOne(false);
    const body = await screen.findByRole('region', { name: 'Request · Body' });
    expect(shape(body)).toEqual(expected);
    assertNothingInjected(body);
    const rows = within(body).getAllByRole('row').slice(1);
    rows.forEach((row, i) => {
      expect(row.children[0]!.textContent).toBe(PAYLOADS[i]);
      // Redaction is on by default: a payload whose name looks like a secret field shows the placeholder.
      if (!isSecretFieldName(encodeURIComponent(PAYLOADS[i]!), DEFAULT_REDACTION)) expect(row.children[1]!.textContent).toBe(PAYLOADS[i]);
      else expect(row.children[1]!.textContent).toBe('[REDACTED]');
    });
  });

  it('in overview text and reference URLs and titles', async () => {
    const build = (benign: boolean) =>
      makeDetail({
        description: benign ? 'benign' : PAYLOADS.join('\n'),
        details: benign ? 'benign' : PAYLOADS[5]!,
        impact: benign ? 'benign' : PAYLOADS[6]!,
        references: PAYLOADS.map((v, i) => ({ kind: 'other' as const, id: benign ? `id${i}` : v, title: benign ? `t${i}` : v, url: benign ? 'not a url' : v })),
      });
    const renderOne = (benign: boolean) =>
      renderWithProvider(
        <ThreatDrilldown.Root activityId="act-1">
          <ThreatDrilldown.Tabs />
          <ThreatDrilldown.Overview />
        </ThreatDrilldown.Root>,
        createTestAdapter({ getActivity: async () => build(benign) }),
      );
    const baseline = renderOne(true);
    await screen.findByRole('region', { name: 'Description' });
    const expected = shape(baseline.container);
    baseline.unmount();
    const { container } = renderOne(false);
    await screen.findByRole('region', { name: 'Description' });
    assertNothingInjected(container);
    // A payload that is a genuine http(s) URL legitimately becomes a link (span → a); nothing else may differ.
    const linkish = (s: string[]) => s.map((x) => x.replace(/^A\[data-slot,href,rel,target\]$/, 'SPAN[data-slot]'));
    expect(linkish(shape(container))).toEqual(expected);
    expect(screen.getByRole('region', { name: 'Description' }).querySelector('p')!.textContent).toBe(PAYLOADS.join('\n'));
    expect(texts(container, 'reference-title')).toEqual(PAYLOADS);
  });

  it('in remediation titles, explanations and examples', async () => {
    const build = (benign: boolean): Remediation => ({
      steps: PAYLOADS.map((v, i) => ({
        title: benign ? `t${i}` : v,
        explanation: benign ? `e${i}` : PAYLOADS[(i + 1) % PAYLOADS.length]!,
        example: { language: benign ? 'l' : PAYLOADS[(i + 2) % PAYLOADS.length]!, code: benign ? `c${i}` : PAYLOADS[(i + 3) % PAYLOADS.length]! },
      })),
      references: [],
    });
    const renderOne = (benign: boolean) =>
      renderWithProvider(
        <ThreatDrilldown.Root activityId="act-1" defaultTab="remediation">
          <ThreatDrilldown.Remediation />
        </ThreatDrilldown.Root>,
        createTestAdapter({ getRemediation: async () => build(benign) }),
      );
    const baseline = renderOne(true);
    await screen.findByText('t0');
    const expected = shape(baseline.container);
    baseline.unmount();
    const { container } = renderOne(false);
    await waitFor(() => expect(container.querySelectorAll('[data-slot="remediation-step"]')).toHaveLength(PAYLOADS.length), { timeout: 30_000 });
    expect(shape(container)).toEqual(expected);
    assertNothingInjected(container);
    expect(texts(container, 'step-title')).toEqual(PAYLOADS);
    expect(texts(container, 'step-explanation')).toEqual(PAYLOADS.map((_, i) => PAYLOADS[(i + 1) % PAYLOADS.length]));
    expect(Array.from(container.querySelectorAll('pre code'), (c) => c.textContent)).toEqual(PAYLOADS.map((_, i) => PAYLOADS[(i + 3) % PAYLOADS.length]));
  });
});
