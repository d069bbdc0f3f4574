// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { ThreatDrilldown, type DrilldownTab } from '../../../src/components/ThreatDrilldown';
import { AdapterError } from '../../../src/core/errors';
import { createTestAdapter } from '../../../src/testing/createTestAdapter';
import { axeViolations, renderWithProvider } from '../../support/renderWithProvider';
import { makeDetail, makeRemediation, pending } from './drilldownFixtures';

function adapterWith(overrides: Parameters<typeof createTestAdapter>[0] = {}) {
  return createTestAdapter({
    getActivity: async () => makeDetail(),
    getRemediation: async () => makeRemediation(),
    listAttempts: async () => ({ items: [], total: 0, nextCursor: null }),
    ...overrides,
  });
}

describe('ThreatDrilldown layout and tabs', () => {
  it('renders four tabs, overview selected by default, and moves between them with arrow keys', async () => {
    const user = userEvent.setup();
    renderWithProvider(<ThreatDrilldown activityId="act-1" />, adapterWith());
    const list = screen.getByRole('tablist', { name: 'Activity sections' });
    const tabs = within(list).getAllByRole('tab');
    expect(tabs.map((t) => t.textContent)).toEqual(['Overview', 'Timeline', 'Attempt', 'Remediation']);
    expect(tabs[0]).toHaveAttribute('aria-selected', 'true');
    expect(await screen.findByRole('tabpanel', { name: 'Overview' })).toBeInTheDocument();

    await user.click(tabs[0]!);
    await user.keyboard('{ArrowRight}{ArrowRight}{ArrowRight}');
    expect(tabs[3]).toHaveFocus();
    expect(tabs[3]).toHaveAttribute('aria-selected', 'true');
    expect(await screen.findByRole('heading', { name: 'Use parameterised queries' })).toBeInTheDocument();
    await user.keyboard('{ArrowRight}');
    expect(tabs[0]).toHaveFocus();
    await user.keyboard('{End}');
    expect(tabs[3]).toHaveFocus();
    await user.keyboard('{ArrowLeft}');
    expect(tabs[2]).toHaveAttribute('aria-selected', 'true');
  });

  it('opens on a deep-linked tab and reports changes when controlled', async () => {
    const user = userEvent.setup();
    const changes: DrilldownTab[] = [];
    function Host() {
      const [tab, setTab] = useState<DrilldownTab>('remediation');
      return (
        <ThreatDrilldown
          activityId="act-1"
          tab={tab}
          onTabChange={(next) => {
            changes.push(next);
            setTab(next);
          }}
        />
      );
    }
    renderWithProvider(<Host />, adapterWith());
    expect(screen.getByRole('tab', { name: 'Remediation' })).toHaveAttribute('aria-selected', 'true');
    expect(await screen.findByRole('heading', { name: 'Block the actor' })).toBeInTheDocument();
    await user.click(screen.getByRole('tab', { name: 'Overview' }));
    expect(changes).toEqual(['overview']);
    expect(screen.getByRole('tab', { name: 'Overview' })).toHaveAttribute('aria-selected', 'true');
  });

  it('stays on the controlled tab when the host does not accept the change', async () => {
    const user = userEvent.setup();
    const onTabChange = vi.fn();
    renderWithProvider(<ThreatDrilldown activityId="act-1" tab="overview" onTabChange={onTabChange} />, adapterWith());
    await user.click(screen.getByRole('tab', { name: 'Remediation' }));
    expect(onTabChange).toHaveBeenCalledWith('remediation');
    expect(screen.getByRole('tab', { name: 'Overview' })).toHaveAttribute('aria-selected', 'true');
  });

  it('uses defaultTab when uncontrolled', async () => {
    renderWithProvider(<ThreatDrilldown activityId="act-1" defaultTab="remediation" />, adapterWith());
    expect(screen.getByRole('tab', { name: 'Remediation' })).toHaveAttribute('aria-selected', 'true');
  });

  it('composes from parts, forwarding refs, spreading props and marking slots', async () => {
    const ref = { current: null as HTMLDivElement | null };
    const headerRef = { current: null as HTMLDivElement | null };
    renderWithProvider(
      <ThreatDrilldown.Root activityId="act-1" ref={ref} data-testid="root" className="mine">
        <ThreatDrilldown.Tabs />
        <ThreatDrilldown.Header ref={headerRef} aria-describedby="x" />
        <ThreatDrilldown.Overview />
        <ThreatDrilldown.Timeline />
        <ThreatDrilldown.Attempt />
        <ThreatDrilldown.Remediation />
      </ThreatDrilldown.Root>,
      adapterWith(),
    );
    expect(ref.current).toHaveAttribute('data-slot', 'drilldown');
    expect(ref.current).toHaveClass('mine', 'td-drilldown');
    expect(headerRef.current).toHaveAttribute('data-slot', 'drilldown-header');
    expect(headerRef.current).toHaveAttribute('aria-describedby', 'x');
    expect(await screen.findByRole('heading', { name: 'POST /api/users/{id}/orders' })).toBeInTheDocument();
  });
});

describe('ThreatDrilldown header', () => {
  it('shows severity, endpoint, category, policy, actor, status, times, attempts, work items and actions', async () => {
    renderWithProvider(
      <ThreatDrilldown activityId="act-1" actions={<button type="button">Block IP</button>} />,
      adapterWith({
        getActivity: async () =>
          makeDetail({
            blocked: { blockId: 'b1', target: '203.0.113.0/24', expiresAt: null },
            workItems: [
              { targetId: 'jira', key: 'SEC-12', url: 'https://jira.example.com/browse/SEC-12', createdAt: 0 },
              { targetId: 'x', key: 'EVIL-1', url: 'javascript:alert(1)', createdAt: 0 },
            ],
          }),
      }),
    );
    const header = await screen.findByRole('group', { name: 'POST /api/users/{id}/orders' });
    const h = within(header);
    expect(h.getByText('Critical')).toHaveAttribute('data-severity', 'critical');
    expect(h.getByText('shop.example.com')).toBeInTheDocument();
    expect(h.getByText('Injection')).toBeInTheDocument();
    expect(h.getByText('SQL Injection')).toBeInTheDocument();
    expect(h.getByText('SQL injection in body')).toBeInTheDocument();
    expect(h.getByText('203.0.113.7')).toBeInTheDocument();
    expect(h.getByText('(NL)')).toBeInTheDocument();
    expect(h.getByText('Blocked (203.0.113.0/24) permanently')).toBeInTheDocument();
    expect(h.getByText('Active')).toBeInTheDocument();
    expect(h.getByText('42 attempts')).toBeInTheDocument();
    expect(header.querySelector('[data-slot="first-seen"]')).toHaveAttribute('datetime', new Date(makeDetail().firstSeen).toISOString());
    expect(h.getByRole('link', { name: 'SEC-12' })).toHaveAttribute('href', 'https://jira.example.com/browse/SEC-12');
    expect(h.getByText('EVIL-1').tagName).toBe('SPAN');
    expect(h.queryByRole('link', { name: 'EVIL-1' })).toBeNull();
    expect(h.getByRole('group', { name: 'Actions' })).toContainElement(h.getByRole('button', { name: 'Block IP' }));
    expect(await axeViolations(document.body)).toEqual([]);
  });

  it('shows loading, then an error with retry that recovers', async () => {
    const user = userEvent.setup();
    let fail = true;
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    renderWithProvider(
      <ThreatDrilldown activityId="act-1" />,
      adapterWith({
        getActivity: async () => {
          await gate;
          if (fail) throw new AdapterError('forbidden', 'nope');
          return makeDetail();
        },
      }),
    );
    expect(screen.getAllByRole('status')[0]).toHaveTextContent('Loading activity…');
    release();
    const alerts = await screen.findAllByRole('alert');
    expect(alerts[0]).toHaveTextContent('Could not load this activity.');
    expect(alerts[0]).toHaveTextContent('You do not have permission to do this.');
    fail = false;
    await user.click(within(alerts[0]!).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('heading', { name: 'POST /api/users/{id}/orders' })).toBeInTheDocument();
  });
});

describe('Overview tab', () => {
  it('shows description, details, impact and grouped references; only http(s) references are links', async () => {
    renderWithProvider(<ThreatDrilldown activityId="act-1" />, adapterWith());
    const panel = await screen.findByRole('tabpanel', { name: 'Overview' });
    const p = within(panel);
    expect(await p.findByRole('region', { name: 'Description' })).toHaveTextContent('Attacker sends SQL fragments in the order body.');
    expect(p.getByRole('region', { name: 'Impact' })).toHaveTextContent('Data exfiltration of customer orders.');
    expect(p.getByRole('heading', { name: 'OWASP API Security Top 10' })).toBeInTheDocument();
    expect(p.getByRole('link', { name: 'CWE-89 SQL Injection' })).toHaveAttribute('href', 'https://cwe.mitre.org/data/definitions/89.html');
    expect(p.getByRole('link', { name: /API8:2023/ })).toHaveAttribute('rel', 'noopener noreferrer');
    expect(p.queryByRole('link', { name: /Internal runbook/ })).toBeNull();
    expect(p.getByText('Internal runbook')).toBeInTheDocument();
    expect(panel.querySelectorAll('a')).toHaveLength(2);
    expect(await axeViolations(document.body)).toEqual([]);
  });

  it('says when nothing is mapped', async () => {
    renderWithProvider(
      <ThreatDrilldown activityId="act-1" />,
      adapterWith({ getActivity: async () => makeDetail({ description: '', details: '', impact: '', references: [] }) }),
    );
    expect(await screen.findByText('No description was provided for this activity.')).toBeInTheDocument();
    expect(screen.getByText('No references are mapped to this activity.')).toBeInTheDocument();
  });
});

describe('Remediation tab', () => {
  it('lists ordered steps with examples as text and references', async () => {
    renderWithProvider(<ThreatDrilldown activityId="act-1" defaultTab="remediation" />, adapterWith());
    const panel = await screen.findByRole('tabpanel', { name: 'Remediation' });
    const list = within(await within(panel).findByRole('region', { name: 'Steps' })).getByRole('list');
    const steps = within(list).getAllByRole('listitem');
    expect(steps).toHaveLength(2);
    expect(list.tagName).toBe('OL');
    expect(within(steps[0]!).getByRole('heading')).toHaveTextContent('Use parameterised queries');
    expect(steps[0]!.querySelector('pre code')).toHaveTextContent("db.query('SELECT * FROM o WHERE id = $1', [id])");
    expect(within(panel).getByText('Example (ts)')).toBeInTheDocument();
    expect(within(panel).getByRole('link', { name: 'CWE-89 SQL Injection' })).toBeInTheDocument();
    expect(await axeViolations(document.body)).toEqual([]);
  });

  it('explains what to do when there are no steps', async () => {
    renderWithProvider(
      <ThreatDrilldown activityId="act-1" defaultTab="remediation" />,
      adapterWith({ getRemediation: async () => ({ steps: [], references: [] }) }),
    );
    expect(await screen.findByText(/No remediation steps are available for this activity yet\. Review the request/)).toBeInTheDocument();
  });

  it('shows loading, then an error that says what to do, with retry', async () => {
    const user = userEvent.setup();
    let calls = 0;
    renderWithProvider(
      <ThreatDrilldown activityId="act-1" defaultTab="remediation" />,
      adapterWith({
        getRemediation: () => (++calls === 1 ? Promise.reject(new AdapterError('network', 'down')) : pending()),
      }),
    );
    const alert = await within(screen.getByRole('tabpanel', { name: 'Remediation' })).findByRole('alert');
    expect(alert).toHaveTextContent('Could not load remediation guidance. Retry, or check the policy documentation');
    expect(alert).toHaveTextContent('The server could not be reached.');
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('Loading remediation…')).toBeInTheDocument();
  });
});
