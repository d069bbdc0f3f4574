// @vitest-environment jsdom
import * as Dialog from '@radix-ui/react-dialog';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MenuButton, typeaheadMatch, type MenuButtonItem } from '../../../src/components/shared/MenuButton';

function fruits(onSelect = vi.fn(), { disableCherry = false } = {}) {
  const items: MenuButtonItem[] = ['Apple', 'Banana', 'Blueberry', 'Cherry', 'Date'].map((label) => ({
    id: label.toLowerCase(),
    label,
    onSelect: () => onSelect(label),
    disabled: disableCherry && label === 'Cherry',
    data: { 'data-fruit': label.toLowerCase() },
  }));
  return { items, onSelect };
}

function renderMenu(items: MenuButtonItem[]) {
  return render(
    <div>
      <button type="button">Before</button>
      <MenuButton items={items} triggerProps={{ 'data-slot': 'fruit-trigger' }} menuProps={{ 'data-slot': 'fruit-menu' }}>
        Fruit
      </MenuButton>
      <button type="button">After</button>
    </div>,
  );
}

const trigger = () => screen.getByRole('button', { name: 'Fruit' });
const item = (name: string) => screen.getByRole('menuitem', { name });

describe('MenuButton', () => {
  test('a menu button: haspopup, expanded and controls on the button; a menu labelled by it with menuitems', async () => {
    const user = userEvent.setup();
    renderMenu(fruits().items);
    expect(trigger()).toHaveAttribute('aria-haspopup', 'menu');
    expect(trigger()).toHaveAttribute('aria-expanded', 'false');
    expect(trigger()).not.toHaveAttribute('aria-controls');
    expect(screen.queryByRole('menu')).toBeNull();

    await user.click(trigger());
    const menu = screen.getByRole('menu', { name: 'Fruit' });
    expect(trigger()).toHaveAttribute('aria-expanded', 'true');
    expect(trigger()).toHaveAttribute('aria-controls', menu.id);
    expect(trigger()).toHaveAttribute('data-slot', 'fruit-trigger');
    expect(menu).toHaveAttribute('data-slot', 'fruit-menu');
    expect(screen.getAllByRole('menuitem').map((el) => el.textContent)).toEqual(['Apple', 'Banana', 'Blueberry', 'Cherry', 'Date']);
    expect(item('Apple')).toHaveAttribute('data-fruit', 'apple');
    expect(item('Apple')).toHaveFocus();

    // The button toggles: a second click closes (it is not an "outside" click that reopens).
    await user.click(trigger());
    expect(screen.queryByRole('menu')).toBeNull();
    expect(trigger()).toHaveAttribute('aria-expanded', 'false');
  });

  test('Enter and ArrowDown on the button open on the first item, ArrowUp on the last', async () => {
    const user = userEvent.setup();
    renderMenu(fruits().items);
    trigger().focus();
    await user.keyboard('{Enter}');
    expect(item('Apple')).toHaveFocus();
    await user.keyboard('{Escape}');
    await user.keyboard('{ArrowUp}');
    expect(item('Date')).toHaveFocus();
    await user.keyboard('{Escape}');
    await user.keyboard('{ArrowDown}');
    expect(item('Apple')).toHaveFocus();
    await user.keyboard('{Escape}');
    await user.keyboard(' ');
    expect(item('Apple')).toHaveFocus();
  });

  test('arrows wrap around and skip disabled items; Home and End jump', async () => {
    const user = userEvent.setup();
    renderMenu(fruits(vi.fn(), { disableCherry: true }).items);
    trigger().focus();
    await user.keyboard('{ArrowDown}');
    await user.keyboard('{ArrowUp}');
    expect(item('Date')).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(item('Apple')).toHaveFocus();
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}');
    expect(item('Date')).toHaveFocus(); // Blueberry → Date, past the disabled Cherry
    expect(item('Cherry')).toHaveAttribute('aria-disabled', 'true');
    await user.keyboard('{ArrowUp}');
    expect(item('Blueberry')).toHaveFocus();
    await user.keyboard('{Home}');
    expect(item('Apple')).toHaveFocus();
    await user.keyboard('{End}');
    expect(item('Date')).toHaveFocus();
  });

  test('Enter or Space activate the focused item once, close the menu and return focus to the button', async () => {
    const user = userEvent.setup();
    const { items, onSelect } = fruits();
    renderMenu(items);
    trigger().focus();
    await user.keyboard('{ArrowDown}{ArrowDown}{Enter}');
    expect(onSelect).toHaveBeenCalledTimes(1);
    expect(onSelect).toHaveBeenLastCalledWith('Banana');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(trigger()).toHaveFocus();
    await user.keyboard('{ArrowUp} ');
    expect(onSelect).toHaveBeenCalledTimes(2);
    expect(onSelect).toHaveBeenLastCalledWith('Date');
    expect(trigger()).toHaveFocus();
  });

  test('a click on an item activates it; a disabled item does nothing and the menu stays', async () => {
    const user = userEvent.setup();
    const { items, onSelect } = fruits(vi.fn(), { disableCherry: true });
    renderMenu(items);
    await user.click(trigger());
    await user.click(item('Cherry'));
    expect(onSelect).not.toHaveBeenCalled();
    expect(screen.getByRole('menu')).toBeInTheDocument();
    await user.click(item('Blueberry'));
    expect(onSelect).toHaveBeenCalledWith('Blueberry');
    expect(screen.queryByRole('menu')).toBeNull();
  });

  test('Escape closes the menu and returns focus to the button', async () => {
    const user = userEvent.setup();
    renderMenu(fruits().items);
    await user.click(trigger());
    await user.keyboard('{ArrowDown}');
    expect(item('Banana')).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(trigger()).toHaveFocus();
  });

  test('Tab closes the menu and moves on from the button; Shift+Tab back before it', async () => {
    const user = userEvent.setup();
    renderMenu(fruits().items);
    await user.click(trigger());
    await user.tab();
    expect(screen.queryByRole('menu')).toBeNull();
    expect(screen.getByRole('button', { name: 'After' })).toHaveFocus();
    await user.click(trigger());
    await user.tab({ shift: true });
    expect(screen.queryByRole('menu')).toBeNull();
    expect(screen.getByRole('button', { name: 'Before' })).toHaveFocus();
  });

  test('an outside click closes the menu and leaves focus where the user clicked', async () => {
    const user = userEvent.setup();
    const { items, onSelect } = fruits();
    renderMenu(items);
    await user.click(trigger());
    await user.click(screen.getByRole('button', { name: 'After' }));
    await waitFor(() => expect(screen.queryByRole('menu')).toBeNull());
    expect(screen.getByRole('button', { name: 'After' })).toHaveFocus();
    expect(onSelect).not.toHaveBeenCalled();
  });

  test('typeahead: a letter jumps to the next item starting with it, again cycles, a quick word narrows', async () => {
    const user = userEvent.setup();
    renderMenu(fruits().items);
    trigger().focus();
    await user.keyboard('{ArrowDown}');
    await user.keyboard('b');
    expect(item('Banana')).toHaveFocus();
    await user.keyboard('b');
    expect(item('Blueberry')).toHaveFocus();
    await user.keyboard('b');
    expect(item('Banana')).toHaveFocus();
    await user.keyboard('{Home}');
    await user.keyboard('blu');
    expect(item('Blueberry')).toHaveFocus();
    await user.keyboard('{Home}');
    await new Promise((r) => setTimeout(r, 600)); // the typed text resets
    await user.keyboard('d');
    expect(item('Date')).toHaveFocus();
    await user.keyboard('z'); // no match: focus stays
    expect(item('Date')).toHaveFocus();
  });

  test('typeaheadMatch skips disabled items and wraps', () => {
    const { items } = fruits(vi.fn(), { disableCherry: true });
    expect(typeaheadMatch(items, 'c', 0)).toBe(-1);
    expect(typeaheadMatch(items, 'a', 4)).toBe(0);
    expect(typeaheadMatch(items, 'bl', 1)).toBe(2);
  });

  test('inside a dialog, Escape closes only the menu; a second Escape the dialog', async () => {
    const user = userEvent.setup();
    render(
      <Dialog.Root defaultOpen>
        <Dialog.Content aria-describedby={undefined}>
          <Dialog.Title>Export</Dialog.Title>
          <MenuButton items={fruits().items}>Fruit</MenuButton>
        </Dialog.Content>
      </Dialog.Root>,
    );
    await user.click(trigger());
    expect(screen.getByRole('menu')).toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(screen.getByRole('dialog', { name: 'Export' })).toBeInTheDocument();
    expect(trigger()).toHaveFocus();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });
});
