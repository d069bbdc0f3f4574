// @vitest-environment jsdom
/** Issue 15 (Block IP): the risk-acknowledgement error is its own error element, not text run on after the checkbox label. */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { BlockIpButton } from '../../../src/components/BlockIpButton';
import { createTestAdapter } from '../../../src/testing/createTestAdapter';
import { renderWithProvider } from '../../support/renderWithProvider';
import { makeActivity, NOW } from '../EventActions/activityFixture';

describe('BlockIpButton risk acknowledgement error', () => {
  it('is a separate block below the checkbox, styled as an error and describing the invalid checkbox', async () => {
    const user = userEvent.setup();
    const block = vi.fn();
    renderWithProvider(<BlockIpButton activity={makeActivity()} />, createTestAdapter({ block }), { provider: { now: () => NOW, timeZone: 'UTC' } });
    await user.click(screen.getByRole('button', { name: 'Block IP' }));
    const dialog = await screen.findByRole('dialog');
    const input = within(dialog).getByRole('textbox', { name: 'IP address or CIDR range' });
    await user.clear(input);
    await user.type(input, '10.0.0.0/8');
    await user.click(within(dialog).getByRole('button', { name: 'Block' }));

    const ack = within(dialog).getByRole('checkbox', { name: /I understand the risk/ });
    expect(ack).toHaveAttribute('aria-invalid', 'true');
    const error = within(dialog).getByText('Confirm that you understand the risk before blocking this target.');
    expect(ack).toHaveAccessibleDescription(error.textContent!);
    // A paragraph of its own (not an inline span after the label), outside the label, with the error style.
    expect(error.tagName).toBe('P');
    expect(error.closest('label')).toBeNull();
    expect(error).toHaveClass('td-field-error');
    expect(block).not.toHaveBeenCalled();
  });
});
