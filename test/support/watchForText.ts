/**
 * Records whether `text` was ever in the document since the call. A transient
 * message (e.g. "Checking whether the change was saved…" while a lost write's
 * outcome is read back) can come and go while the test is still awaiting the
 * click that caused it, before a findByText would start looking.
 */
export function watchForText(text: string): { seen: () => boolean; stop: () => void } {
  let seen = (document.body.textContent ?? '').includes(text);
  const observer = new MutationObserver(() => {
    if (!seen && (document.body.textContent ?? '').includes(text)) seen = true;
  });
  observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  return { seen: () => seen, stop: () => observer.disconnect() };
}
