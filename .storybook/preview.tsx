import type { Decorator, Preview } from '@storybook/react-vite';
import { useMemo } from 'react';
import type { ThreatDeckAdapter } from '../src/core/adapter';
import { createMemoryAdapter } from '../src/adapters/memory';
import { ThreatDeckProvider, type ThemeName } from '../src/hooks/ThreatDeckProvider';
import { en, type Messages } from '../src/i18n/en';
import './preview.css';
import '../src/styles/index.css';

/** What a story may set under `parameters.threatdeck`. */
export interface ThreatDeckStoryParameters {
  /** Builds the story's adapter (given the story's args); defaults to the memory adapter with 2,000 activities. */
  adapter?: (args: Record<string, unknown>) => ThreatDeckAdapter;
  /** Args the adapter is built from: changing one of them in Controls rebuilds it. */
  adapterArgs?: string[];
  /** Forces a theme regardless of the toolbar. */
  theme?: ThemeName;
  /** Fixed clock for deterministic relative times. */
  now?: number;
}

export type Density = 'comfortable' | 'compact';
export type Strings = 'default' | 'long';

/**
 * Pseudo-localised catalog: every string about 40% longer (as German or Finnish
 * often are), placeholders intact, to check that layouts survive translation.
 */
const LONG_MESSAGES: Partial<Messages> = Object.fromEntries(
  Object.entries(en).map(([key, text]) => [key, `${text} ${'·'.repeat(Math.max(3, Math.ceil(text.length * 0.4)))}`]),
) as Partial<Messages>;

interface FrameProps {
  params: ThreatDeckStoryParameters;
  args: Record<string, unknown>;
  theme: ThemeName;
  density: Density;
  strings: Strings;
  children: React.ReactNode;
}

function AdapterFrame({ params, args, theme, density, strings, children }: FrameProps) {
  // One adapter per mounted story (stories stay independent of each other).
  const adapter = useMemo(
    () => params.adapter?.(args) ?? createMemoryAdapter({ seed: 7, activities: 2_000, live: false }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );
  const now = useMemo(() => (params.now !== undefined ? () => params.now as number : undefined), [params.now]);
  return (
    // <main> stands for the host page's landmark around an embedded component.
    <main>
      <ThreatDeckProvider
        adapter={adapter}
        theme={theme}
        {...(now ? { now } : {})}
        {...(strings === 'long' ? { messages: LONG_MESSAGES } : {})}
        className={density === 'compact' ? 'sb-threatdeck sb-density-compact' : 'sb-threatdeck'}
      >
        {children}
      </ThreatDeckProvider>
    </main>
  );
}

const withThreatDeck: Decorator = (Story, context) => {
  const params = (context.parameters.threatdeck ?? {}) as ThreatDeckStoryParameters;
  const theme = params.theme ?? ((context.globals.theme as ThemeName | undefined) ?? 'light');
  const density = (context.globals.density as Density | undefined) ?? 'comfortable';
  const strings = (context.globals.strings as Strings | undefined) ?? 'default';
  // A new adapter (fresh data) when an arg it is built from changes.
  const adapterKey = (params.adapterArgs ?? []).map((name) => String(context.args[name])).join('|');
  return (
    <AdapterFrame key={`${context.id}:${adapterKey}`} params={params} args={context.args} theme={theme} density={density} strings={strings}>
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
    density: {
      description: 'Spacing and row height (CSS variables --td-space-*, --td-row-height)',
      toolbar: {
        title: 'Density',
        icon: 'component',
        items: [
          { value: 'comfortable', title: 'Comfortable' },
          { value: 'compact', title: 'Compact' },
        ],
        dynamicTitle: true,
      },
    },
    strings: {
      description: 'Message catalog: the English one, or every string ~40% longer (translation check)',
      toolbar: {
        title: 'Strings',
        icon: 'globe',
        items: [
          { value: 'default', title: 'English' },
          { value: 'long', title: 'Long (pseudo-localised)' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'light', density: 'comfortable', strings: 'default' },
  parameters: {
    layout: 'fullscreen',
    // Colours and dates get their own editors; everything else the stories declare in argTypes.
    controls: { expanded: true, matchers: { color: /(background|color)$/i, date: /(Seen|At)$/ } },
    options: {
      storySort: { order: ['ThreatActivityView', 'ThreatActivityList', 'FilterBar', 'ThreatDrilldown', 'EventActions', 'BlockIpButton', 'CreateWorkItem', '*'] },
    },
  },
  tags: ['autodocs'],
};

export default preview;
