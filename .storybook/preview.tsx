import type { Decorator, Preview } from '@storybook/react-vite';
import { useMemo } from 'react';
import type { ThreatDeckAdapter } from '../src/core/adapter';
import { createMemoryAdapter } from '../src/adapters/memory';
import { ThreatDeckProvider, type ThemeName } from '../src/hooks/ThreatDeckProvider';
import './preview.css';
import '../src/styles/index.css';

/** What a story may set under `parameters.threatdeck`. */
export interface ThreatDeckStoryParameters {
  /** Builds the story's adapter; defaults to the memory adapter with 2,000 activities. */
  adapter?: () => ThreatDeckAdapter;
  /** Forces a theme regardless of the toolbar. */
  theme?: ThemeName;
  /** Fixed clock for deterministic relative times. */
  now?: number;
}

function AdapterFrame({ params, theme, children }: { params: ThreatDeckStoryParameters; theme: ThemeName; children: React.ReactNode }) {
  // One adapter per mounted story (stories stay independent of each other).
  const adapter = useMemo(
    () => params.adapter?.() ?? createMemoryAdapter({ seed: 7, activities: 2_000, live: false }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );
  const now = useMemo(() => (params.now !== undefined ? () => params.now as number : undefined), [params.now]);
  return (
    // <main> stands for the host page's landmark around an embedded component.
    <main>
      <ThreatDeckProvider adapter={adapter} theme={theme} {...(now ? { now } : {})} className="sb-threatdeck">
        {children}
      </ThreatDeckProvider>
    </main>
  );
}

const withThreatDeck: Decorator = (Story, context) => {
  const params = (context.parameters.threatdeck ?? {}) as ThreatDeckStoryParameters;
  const theme = params.theme ?? ((context.globals.theme as ThemeName | undefined) ?? 'light');
  return (
    <AdapterFrame key={context.id} params={params} theme={theme}>
      <Story />
    </AdapterFrame>
  );
};

const preview: Preview = {
  decorators: [withThreatDeck],
  globalTypes: {
    theme: {
      description: 'threatdeck theme',
      toolbar: {
        title: 'Theme',
        icon: 'mirror',
        items: [
          { value: 'light', title: 'Light' },
          { value: 'dark', title: 'Dark' },
          { value: 'system', title: 'System' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'light' },
  parameters: {
    layout: 'fullscreen',
    controls: { expanded: true },
    options: {
      storySort: { order: ['ThreatActivityView', 'ThreatActivityList', 'FilterBar', 'ThreatDrilldown', 'EventActions', 'BlockIpButton', 'CreateWorkItem', '*'] },
    },
  },
  tags: ['autodocs'],
};

export default preview;
