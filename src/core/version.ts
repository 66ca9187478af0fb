/**
 * This copy's version, and the warning when another copy of buurtkit registered a tag first: the
 * browser has one registry per page, so only the first copy's widgets run, and the site owner
 * should know which versions met. Kept equal to package.json's version by a unit test.
 */
export const VERSION = '0.1.0';

const warned = new Set<string>();

/**
 * Warn once per other version when `tag` is already registered by another copy (or by something
 * that is not buurtkit). Same version: nothing to say, the copies are interchangeable.
 */
export function warnIfOtherVersion(tag: string, registered: CustomElementConstructor | undefined): void {
  if (!registered) return;
  const other = (registered as { version?: unknown }).version;
  if (other === VERSION) return;
  const name = typeof other === 'string' ? `buurtkit ${other}` : 'another script (not buurtkit)';
  if (warned.has(name)) return;
  warned.add(name);
  console.warn(
    `[buurtkit] <${tag}> is already registered by ${name}; this copy (buurtkit ${VERSION}) is not used. ` +
      'Load buurtkit once per page (one script tag or one npm import).',
  );
}
