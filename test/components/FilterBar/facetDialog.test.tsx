// @vitest-environment jsdom
/**
 * The facet filter's overlay as a user meets it: a non-modal dialog named by
 * the field, opened from a button that says it opens a dialog, placed under
 * that button (above it near the bottom of the window), closed by Escape
 * (focus back on the button) or by a click elsewhere (focus stays there).
 */
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FilterBar } from '../../../src/components/FilterBar';
import type { FacetParams, FacetResult } from '../../../src/core/adapter';
import { createTestAdapter } from '../../../src/testing/createTestAdapter';
import { renderWithProvider } from '../../support/renderWithProvider';
import { NOW } from '../ThreatActivityList/listTestKit';

const getFacet = async ({ field }: FacetParams): Promise<FacetResult> => ({
  field,
  options: [
    { value: `${field}-a`, count: 20 },
    { value: `${field}-b`, count: 10 },
  ],
  totalOptions: 2,
});
const renderBar = () => renderWithProvider(<FilterBar onQueryChange={() => {}} />, createTestAdapter({ getFacet }), { provider: { now: () => NOW } });
const hostButton = () => screen.getByRole('button', { name: /^Host/ });

describe('FacetFilter overlay', () => {
  test('the button says it opens a dialog, and which; focus moves into the dialog, named by the field', async () => {
    const user = userEvent.setup({ delay: null });
    renderBar();
    expect(hostButton()).toHaveAttribute('aria-haspopup', 'dialog');
    expect(hostButton()).toHaveAttribute('aria-expanded', 'false');
    await user.click(hostButton());
    const dialog = await screen.findByRole('dialog', { name: 'Host' });
    expect(hostButton()).toHaveAttribute('aria-expanded', 'true');
    expect(hostButton()).toHaveAttribute('aria-controls', dialog.id);
    expect(dialog).toHaveAttribute('data-slot', 'facet-popover');
    expect(dialog).toHaveAttribute('data-field', 'host');
    // Portalled into the provider's container, so the theme's variables reach it.
    expect(dialog.closest('[data-slot="portal-container"]')).not.toBeNull();
    expect(screen.getByRole('searchbox', { name: 'Search Host' })).toHaveFocus();
  });

  test('Escape closes it and returns focus to its button', async () => {
    const user = userEvent.setup({ delay: null });
    renderBar();
    await user.click(hostButton());
    await user.click(await screen.findByRole('checkbox', { name: /host-a/ }));
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(hostButton()).toHaveFocus();
    expect(hostButton()).toHaveAttribute('aria-expanded', 'false');
  });

  test('a click outside closes it and leaves focus where the user clicked; its button toggles it', async () => {
    const user = userEvent.setup({ delay: null });
    renderBar();
    await user.click(hostButton());
    await screen.findByRole('dialog', { name: 'Host' });
    await user.click(screen.getByRole('searchbox', { name: 'Search activities' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.getByRole('searchbox', { name: 'Search activities' })).toHaveFocus();

    await user.click(hostButton());
    await screen.findByRole('dialog', { name: 'Host' });
    await user.click(hostButton());
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  describe('placement', () => {
    let restore: () => void = () => {};
    const rect = (left: number, top: number, width: number, height: number) =>
      ({ left, top, width, height, right: left + width, bottom: top + height, x: left, y: top, toJSON: () => ({}) }) as DOMRect;
    function layout(triggerTop: number) {
      const spy = vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (this: HTMLElement) {
        if (this.dataset.slot === 'facet-trigger') return rect(120, triggerTop, 60, 28);
        if (this.dataset.slot === 'facet-popover') return rect(0, 0, 340, 300);
        return rect(0, 0, 0, 0);
      });
      const height = window.innerHeight;
      window.innerHeight = 800;
      restore = () => {
        spy.mockRestore();
        window.innerHeight = height;
      };
    }
    afterEach(() => restore());

    test('under its button, start edges lined up', async () => {
      layout(40);
      const user = userEvent.setup({ delay: null });
      renderBar();
      await user.click(hostButton());
      const dialog = await screen.findByRole('dialog', { name: 'Host' });
      expect(dialog).toHaveAttribute('data-side', 'bottom');
      expect(dialog.style).toMatchObject({ position: 'fixed', top: '72px', left: '120px' });
    });

    test('above its button when there is no room below', async () => {
      layout(600);
      const user = userEvent.setup({ delay: null });
      renderBar();
      await user.click(hostButton());
      const dialog = await screen.findByRole('dialog', { name: 'Host' });
      expect(dialog).toHaveAttribute('data-side', 'top');
      expect(dialog.style.top).toBe(`${600 - 4 - 300}px`);
    });
  });
});
