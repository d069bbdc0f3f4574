/** jsdom has no ResizeObserver; the anchored popovers and measured widths observe with one. Call at the top of a test file. */
export function stubResizeObserver(): void {
  class NoopResizeObserver {
    observe() {}
    unobserve() {}
    disconnect() {}
  }
  beforeAll(() => {
    (globalThis as { ResizeObserver?: unknown }).ResizeObserver ??= NoopResizeObserver;
  });
}
