import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { ShortcutsOverlay } from '../src/components/ThreatDrilldown';
import { useThreatDeck } from '../src/hooks/ThreatDeckProvider';

const meta = {
  title: 'ShortcutsOverlay',
  component: ShortcutsOverlay,
  parameters: {
    docs: {
      description: {
        component:
          'The `?` overlay of the drilldown inside ThreatActivityView: every keyboard shortcut, rendered from the same table (`DRILLDOWN_SHORTCUTS`) that the key handler reads, so the list cannot drift from what the keys do.',
      },
    },
  },
  args: { open: true, onOpenChange: () => {} },
} satisfies Meta<typeof ShortcutsOverlay>;
export default meta;
type Story = StoryObj<typeof meta>;

function Interactive(props: { defaultOpen: boolean }) {
  const { t } = useThreatDeck();
  const [open, setOpen] = useState(props.defaultOpen);
  return (
    <>
      <button type="button" className="td-button" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        {t('shortcuts.open')}
      </button>
      <ShortcutsOverlay open={open} onOpenChange={setOpen} />
    </>
  );
}

/** Open, as after pressing `?` in the drilldown. */
export const Open: Story = { render: () => <Interactive defaultOpen /> };

export const Dark: Story = { render: () => <Interactive defaultOpen />, parameters: { threatdeck: { theme: 'dark' } } };
