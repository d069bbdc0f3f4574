// @vitest-environment jsdom
// Every dialog a host may want to open from its own UI (a shortcut, a URL, a
// menu) takes `open / defaultOpen / onOpenChange`: the UI follows a controlled
// `open`, every open and close is reported, and uncontrolled still works.
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { BlockIpButton } from '../../../src/components/BlockIpButton';
import { CreateWorkItem } from '../../../src/components/CreateWorkItem';
import { EventActions, IgnoreDialog } from '../../../src/components/EventActions';
import { ShortcutsOverlay } from '../../../src/components/ThreatDrilldown';
import type { WorkItemTarget } from '../../../src/core/model';
import { createTestAdapter } from '../../../src/testing/createTestAdapter';
import { renderWithProvider } from '../../support/renderWithProvider';
import { makeActivity, NOW } from './activityFixture';

const provider = { now: () => NOW, timeZone: 'UTC' };
const TARGETS: WorkItemTarget[] = [{ id: 'jira', system: 'jira', label: 'SEC · Bug', fields: [{ id: 'summary', label: 'Summary', type: 'text', required: true, role: 'title' }] }];
const blockAdapter = () => createTestAdapter({ block: vi.fn(), unblock: vi.fn() });
const workItemAdapter = () =>
  createTestAdapter({
    createWorkItem: vi.fn(),
    listWorkItemTargets: vi.fn().mockResolvedValue(TARGETS),
    getActivity: vi.fn().mockResolvedValue({ ...makeActivity(), description: '', details: '', impact: '', references: [] }),
    listAttempts: vi.fn().mockResolvedValue({ items: [], total: 0, nextCursor: null }),
  });

describe('BlockIpButton open / defaultOpen / onOpenChange', () => {
  it('shows the dialog while the host says open, and reports Escape without closing on its own', async () => {
    const user = userEvent.setup();
    const onOpenChange = vi.fn();
    let hostCloses = () => {};
    function Host() {
      const [open, setOpen] = useState(true);
      hostCloses = () => setOpen(false);
      return <BlockIpButton activity={makeActivity()} open={open} onOpenChange={onOpenChange} />;
    }
    renderWithProvider(<Host />, blockAdapter(), { provider });
    expect(await screen.findByRole('dialog', { name: 'Block an IP address' })).toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(onOpenChange).toHaveBeenLastCalledWith(false);
    expect(screen.getByRole('dialog', { name: 'Block an IP address' })).toBeInTheDocument();
    act(() => hostCloses());
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('opens from its trigger when uncontrolled and reports it', async () => {
    const user = userEvent.setup();
    const onOpenChange = vi.fn();
    renderWithProvider(<BlockIpButton activity={makeActivity()} onOpenChange={onOpenChange} />, blockAdapter(), { provider });
    await user.click(screen.getByRole('button', { name: 'Block IP' }));
    expect(await screen.findByRole('dialog', { name: 'Block an IP address' })).toBeInTheDocument();
    expect(onOpenChange).toHaveBeenCalledWith(true);
  });
});

describe('CreateWorkItem open / defaultOpen / onOpenChange', () => {
  it('follows a host that keeps the open state (e.g. in its URL)', async () => {
    const user = userEvent.setup();
    function Host() {
      const [open, setOpen] = useState(false);
      return (
        <>
          <button type="button" onClick={() => setOpen(true)}>
            File a ticket
          </button>
          <CreateWorkItem activity={makeActivity()} open={open} onOpenChange={setOpen} />
        </>
      );
    }
    renderWithProvider(<Host />, workItemAdapter(), { provider });
    expect(screen.queryByRole('dialog')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'File a ticket' }));
    expect(await screen.findByRole('dialog', { name: 'Create a work item' })).toBeInTheDocument();
    expect(await screen.findByRole('textbox', { name: /Summary/ })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('opens on mount with defaultOpen', async () => {
    renderWithProvider(<CreateWorkItem activity={makeActivity()} defaultOpen />, workItemAdapter(), { provider });
    expect(await screen.findByRole('dialog', { name: 'Create a work item' })).toBeInTheDocument();
  });
});

describe('EventActions ignoreOpen / reactivateOpen', () => {
  it('opens the Ignore dialog when the host asks, and reports the analyst closing it', async () => {
    const user = userEvent.setup();
    const onIgnoreOpenChange = vi.fn();
    const adapter = createTestAdapter({ ignore: vi.fn(), setStatus: vi.fn() });
    let hostOpens = () => {};
    function Host() {
      const [open, setOpen] = useState(false);
      hostOpens = () => setOpen(true);
      return <EventActions activity={makeActivity()} ignoreOpen={open} onIgnoreOpenChange={onIgnoreOpenChange} />;
    }
    renderWithProvider(<Host />, adapter, { provider });
    expect(screen.queryByRole('dialog')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Ignore' }));
    expect(onIgnoreOpenChange).toHaveBeenLastCalledWith(true);
    // Controlled and not accepted: still closed.
    expect(screen.queryByRole('dialog')).toBeNull();
    act(() => hostOpens());
    expect(await screen.findByRole('dialog', { name: 'Ignore this activity' })).toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(onIgnoreOpenChange).toHaveBeenLastCalledWith(false);
    expect(screen.getByRole('dialog', { name: 'Ignore this activity' })).toBeInTheDocument();
  });

  it('opens the Reactivate dialog of a rule-ignored activity from defaultReactivateOpen', async () => {
    const adapter = createTestAdapter({ setStatus: vi.fn(), ignore: vi.fn() });
    renderWithProvider(<EventActions activity={makeActivity({ status: 'ignored', suppressedBy: 'rule-1' })} defaultReactivateOpen />, adapter, { provider });
    expect(await screen.findByRole('dialog', { name: 'Reactivate this activity' })).toBeInTheDocument();
  });

  it('IgnoreDialog on its own takes open / onOpenChange too', async () => {
    const user = userEvent.setup();
    const onOpenChange = vi.fn();
    renderWithProvider(<IgnoreDialog activity={makeActivity()} onOpenChange={onOpenChange} />, createTestAdapter({ ignore: vi.fn() }), { provider });
    await user.click(screen.getByRole('button', { name: 'Ignore' }));
    expect(await screen.findByRole('dialog', { name: 'Ignore this activity' })).toBeInTheDocument();
    expect(onOpenChange).toHaveBeenCalledWith(true);
  });
});

describe('ShortcutsOverlay open / defaultOpen / onOpenChange', () => {
  it('opens on mount when uncontrolled and closes by itself, reporting it', async () => {
    const user = userEvent.setup();
    const onOpenChange = vi.fn();
    renderWithProvider(<ShortcutsOverlay defaultOpen onOpenChange={onOpenChange} />, createTestAdapter({}), { provider });
    expect(await screen.findByRole('dialog', { name: 'Keyboard shortcuts' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Close' }));
    expect(onOpenChange).toHaveBeenCalledWith(false);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });
});
