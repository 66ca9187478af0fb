/**
 * Finds buurtkit tags anywhere a page can put them: in the document and inside the open shadow
 * roots of other components, now and later. Nothing global is patched: one MutationObserver
 * watches the document and every open shadow root found; a custom element that is not defined yet
 * may attach its shadow root once it is, so its definition triggers a new look; and a few
 * backed-off rescans catch a shadow root that an already-defined component attaches later without
 * any change we could observe. Closed shadow roots cannot be seen by any script: a component that
 * uses one imports the define module itself (see README).
 */

/** Rescans after start-up, in ms: a late-attached shadow root is found within about this long. */
const RESCANS = [1000, 3000, 10_000, 30_000, 60_000];

export interface Discovery {
  /** Look at the whole page again. */
  rescan(): void;
  stop(): void;
}

/**
 * Calls `found` for every element whose tag is in `tags` (possibly more than once per element).
 * `skip` names tags whose own shadow roots hold nothing of interest (the widgets themselves).
 */
export function discover(tags: readonly string[], found: (el: Element) => void, skip: ReadonlySet<string>): Discovery {
  const selector = tags.join(',');
  const observed = new WeakSet<ShadowRoot>();
  const awaitingDefinition = new Set<string>();
  const timers: ReturnType<typeof setTimeout>[] = [];

  const observer = new MutationObserver((records) => {
    for (const record of records) for (const node of record.addedNodes) if (node.nodeType === 1) scan(node as Element);
  });
  const watch = { childList: true, subtree: true };

  function look(el: Element): void {
    if (skip.has(el.localName)) return;
    const root = el.shadowRoot;
    if (root) {
      if (!observed.has(root)) {
        observed.add(root);
        observer.observe(root, watch);
        scan(root);
      }
    } else if (el.localName.includes('-') && !customElements.get(el.localName) && !awaitingDefinition.has(el.localName)) {
      // Its shadow root (if any) comes with its definition.
      awaitingDefinition.add(el.localName);
      void customElements.whenDefined(el.localName).then(rescan);
    }
  }

  function scan(root: Element | ShadowRoot | Document): void {
    if (root.nodeType === 1) {
      if ((root as Element).matches(selector)) found(root as Element);
      look(root as Element);
    }
    for (const el of root.querySelectorAll(selector)) found(el);
    for (const el of root.querySelectorAll('*')) look(el);
  }

  function rescan(): void {
    scan(document);
  }

  observer.observe(document, watch);
  rescan();
  let at = 0;
  for (const delay of RESCANS) timers.push(setTimeout(rescan, (at += delay)));
  return {
    rescan,
    stop() {
      observer.disconnect();
      for (const timer of timers) clearTimeout(timer);
    },
  };
}
