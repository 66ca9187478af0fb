/**
 * Accessible names as a screen reader gets them, computed by axe-core (the maintained
 * implementation of the W3C accessible name algorithm that `to.be.accessible()` also loads), not
 * by our own reading of the DOM.
 */
interface AxeWithCommons {
  setup(node?: Node): unknown;
  teardown(): void;
  utils: { getNodeFromTree(node: Node): unknown };
  commons: { text: { accessibleTextVirtual(vnode: unknown): string } };
}

async function axe(): Promise<AxeWithCommons> {
  const w = window as unknown as { axe?: AxeWithCommons };
  if (!w.axe) await import('axe-core/axe.min.js' as string);
  return w.axe!;
}

/** The accessible name of each element (in order), in one pass over the document. */
export async function accessibleNames(elements: readonly Element[]): Promise<string[]> {
  const a = await axe();
  a.setup(document);
  try {
    return elements.map((e) => a.commons.text.accessibleTextVirtual(a.utils.getNodeFromTree(e)).replace(/\s+/g, ' ').trim());
  } finally {
    a.teardown();
  }
}
