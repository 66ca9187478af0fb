// A foreign host's own components, as a page builder or design system would have them: <host-card>
// renders its content into an open shadow root (attached in its constructor); <late-panel> attaches
// its open shadow root only when asked, long after it was defined and connected. DOM methods only,
// so the page works under Trusted Types too.
class HostCard extends HTMLElement {
  constructor() {
    super();
    const card = document.createElement('div');
    card.className = 'card';
    card.append(document.createElement('slot'));
    this.attachShadow({ mode: 'open' }).append(card);
  }
}
customElements.define('host-card', HostCard);

class LatePanel extends HTMLElement {
  /** Shows `tag` two shadow roots deep: in a <host-card> inside this panel's own shadow root. */
  open(tag) {
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    const card = document.createElement('host-card');
    root.append(card);
    // The widget goes inside the card's shadow root, a task later.
    setTimeout(() => card.shadowRoot.querySelector('.card').append(document.createElement(tag)), 0);
  }
}
customElements.define('late-panel', LatePanel);
