// @vitest-environment jsdom
import { act, fireEvent, render, screen } from '@testing-library/react';
import { useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { placeAnchored, useAnchoredPosition, type AnchorAlign } from '../../../src/components/shared/useAnchoredPosition';

const VIEWPORT = { width: 1000, height: 800 };
const box = (left: number, top: number, width: number, height: number) => ({ left, top, right: left + width, bottom: top + height, width, height, x: left, y: top, toJSON: () => ({}) }) as DOMRect;

describe('placeAnchored', () => {
  const trigger = box(100, 100, 80, 30);
  test('below the trigger, its start edge lined up, offset apart', () => {
    expect(placeAnchored(trigger, { width: 300, height: 200 }, VIEWPORT, { align: 'start', offset: 4 })).toEqual({ top: 134, left: 100, side: 'bottom' });
  });
  test('align end lines up the right edges', () => {
    expect(placeAnchored(box(700, 100, 80, 30), { width: 300, height: 200 }, VIEWPORT, { align: 'end', offset: 4 }).left).toBe(480);
  });
  test('flips above when there is no room below but room above', () => {
    expect(placeAnchored(box(100, 700, 80, 30), { width: 300, height: 200 }, VIEWPORT, { offset: 4 })).toEqual({ top: 496, left: 100, side: 'top' });
  });
  test('room on neither side: the side with more room, never above the viewport', () => {
    expect(placeAnchored(box(100, 300, 80, 30), { width: 300, height: 700 }, VIEWPORT, { offset: 4, margin: 8 }).side).toBe('bottom');
    expect(placeAnchored(box(100, 500, 80, 30), { width: 300, height: 700 }, VIEWPORT, { offset: 4, margin: 8 })).toMatchObject({ side: 'top', top: 8 });
  });
  test('clamped into the viewport horizontally', () => {
    expect(placeAnchored(box(900, 100, 80, 30), { width: 300, height: 200 }, VIEWPORT, { align: 'start', margin: 8 }).left).toBe(692);
    expect(placeAnchored(box(10, 100, 80, 30), { width: 300, height: 200 }, VIEWPORT, { align: 'end', margin: 8 }).left).toBe(8);
    // Wider than the viewport: its start stays visible.
    expect(placeAnchored(box(10, 100, 80, 30), { width: 1200, height: 200 }, VIEWPORT, { margin: 8 }).left).toBe(8);
  });
});

let triggerRect = box(100, 100, 80, 30);
const contentSize = { width: 300, height: 200 };
function Harness({ align = 'start' as AnchorAlign }) {
  const [open, setOpen] = useState(false);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const anchor = useAnchoredPosition<HTMLDivElement>(triggerRef, { align, offset: 4 });
  return (
    <>
      <button ref={triggerRef} type="button" onClick={() => setOpen((o) => !o)}>
        Open
      </button>
      {open ? createPortal(<div ref={anchor} role="dialog" aria-label="Anchored" />, document.body) : null}
    </>
  );
}

describe('useAnchoredPosition', () => {
  let restore: Array<() => void> = [];
  beforeEach(() => {
    triggerRect = box(100, 100, 80, 30);
    const rect = vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (this: HTMLElement) {
      return this.tagName === 'BUTTON' ? triggerRect : box(0, 0, contentSize.width, contentSize.height);
    });
    const height = window.innerHeight;
    const width = window.innerWidth;
    Object.assign(window, { innerHeight: VIEWPORT.height, innerWidth: VIEWPORT.width });
    restore = [() => rect.mockRestore(), () => Object.assign(window, { innerHeight: height, innerWidth: width })];
  });
  afterEach(() => restore.forEach((r) => r()));

  const dialog = () => screen.getByRole('dialog', { name: 'Anchored' });
  const nextFrame = () => act(() => new Promise((r) => requestAnimationFrame(() => r(undefined))));

  test('placed below its trigger when it mounts, fixed in the viewport', () => {
    render(<Harness />);
    fireEvent.click(screen.getByRole('button', { name: 'Open' }));
    expect(dialog().style).toMatchObject({ position: 'fixed', top: '134px', left: '100px' });
    expect(dialog()).toHaveAttribute('data-side', 'bottom');
    expect(dialog()).toHaveAttribute('data-align', 'start');
  });

  test('flips above a trigger near the bottom of the viewport', () => {
    triggerRect = box(100, 700, 80, 30);
    render(<Harness />);
    fireEvent.click(screen.getByRole('button', { name: 'Open' }));
    expect(dialog()).toHaveAttribute('data-side', 'top');
    expect(dialog().style.top).toBe('496px');
  });

  test('follows the trigger on scroll (of any scroller) and on resize, once per frame', async () => {
    render(<Harness align="end" />);
    fireEvent.click(screen.getByRole('button', { name: 'Open' }));
    expect(dialog().style.left).toBe('8px'); // right edges lined up would be -120: clamped
    triggerRect = box(600, 400, 80, 30);
    const reads = vi.mocked(HTMLElement.prototype.getBoundingClientRect);
    reads.mockClear();
    const scroller = document.createElement('div');
    document.body.append(scroller);
    fireEvent.scroll(scroller);
    fireEvent.scroll(scroller);
    await nextFrame();
    expect(dialog().style).toMatchObject({ top: '434px', left: '380px' });
    expect(reads).toHaveBeenCalledTimes(2); // one pass for two scroll events: trigger + content
    triggerRect = box(600, 700, 80, 30);
    fireEvent(window, new Event('resize'));
    await nextFrame();
    expect(dialog()).toHaveAttribute('data-side', 'top');
    scroller.remove();
  });

  test('stops listening once closed', async () => {
    const add = vi.spyOn(window, 'addEventListener');
    const remove = vi.spyOn(window, 'removeEventListener');
    render(<Harness />);
    fireEvent.click(screen.getByRole('button', { name: 'Open' }));
    const added = add.mock.calls.filter(([type]) => type === 'scroll' || type === 'resize').length;
    fireEvent.click(screen.getByRole('button', { name: 'Open' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(remove.mock.calls.filter(([type]) => type === 'scroll' || type === 'resize')).toHaveLength(added);
    expect(added).toBe(2);
    add.mockRestore();
    remove.mockRestore();
  });
});
