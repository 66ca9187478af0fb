// Loaded first by the foreign host pages in host-loader.test.ts (an external classic script, so a
// strict CSP allows it): records CSP violations and console errors/warnings for the test to read.
window.__probe = { violations: [], errors: [], warnings: [], hostScriptRan: false };
document.addEventListener('securitypolicyviolation', (e) => {
  window.__probe.violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`);
});
for (const level of ['error', 'warn']) {
  const original = console[level].bind(console);
  const log = level === 'error' ? window.__probe.errors : window.__probe.warnings;
  console[level] = (...args) => {
    log.push(args.map((a) => (a instanceof Error ? a.message : String(a))).join(' '));
    original(...args);
  };
}
// The host's own script, which must keep working whatever buurtkit does.
document.addEventListener('DOMContentLoaded', () => {
  const button = document.getElementById('host-button');
  button?.addEventListener('click', () => (button.textContent = 'clicked'));
  window.__probe.hostScriptRan = true;
});
