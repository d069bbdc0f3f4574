/**
 * What each render benchmark page exposes to the harness in
 * bench/render-vs-aggrid.bench.mjs, so both grids are measured by the very
 * same code: mount, apply a host filter, and DOM probes.
 */
import type { Activity } from '../../src/core/model';

export interface RenderBenchTarget {
  name: string;
  /** Generating the dataset (and the adapter), before any timing starts. */
  setupMs: number;
  /** The activities the grid shows (the harness picks the filter host from them). */
  activities: readonly Activity[];
  mount(container: HTMLElement): void;
  setHostFilter(host: string): void;
  /** Data rows currently in the DOM. */
  rows(): NodeListOf<Element>;
  /** Host cells of the data rows currently in the DOM. */
  hostCells(): NodeListOf<Element>;
  /** The element that scrolls the rows vertically. */
  scroller(): HTMLElement | null;
  /** False while the grid still shows rows of a previous query. */
  idle(): boolean;
}

declare global {
  interface Window {
    __renderBench?: RenderBenchTarget;
  }
}
