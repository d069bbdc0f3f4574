import { act, render, type RenderOptions } from '@testing-library/react';
import type { ReactElement } from 'react';
import type { ThreatDeckAdapter } from '../../src/core/adapter';
import { ThreatDeckProvider, type ThreatDeckProviderProps } from '../../src/hooks/ThreatDeckProvider';

/** Renders inside a fresh ThreatDeckProvider (fresh cache per test). */
export function renderWithProvider(
  ui: ReactElement,
  adapter: ThreatDeckAdapter,
  options: { provider?: Partial<ThreatDeckProviderProps>; render?: RenderOptions } = {},
) {
  return render(
    <ThreatDeckProvider adapter={adapter} {...options.provider}>
      {ui}
    </ThreatDeckProvider>,
    options.render,
  );
}

/** Runs axe on a container with the rules jsdom cannot evaluate turned off. */
export async function axeViolations(container: Element) {
  const axe = (await import('axe-core')).default;
  // Inside act: the updates that land while axe walks the DOM (queries settling, measurements) are flushed, not warned about.
  const result = await act(() =>
    axe.run(container, {
      rules: { 'color-contrast': { enabled: false }, region: { enabled: false } },
    }),
  );
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}
