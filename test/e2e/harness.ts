/**
 * Shared set-up of the end-to-end runs: the built demo (collector on a fresh SQLite file and the
 * centre's site, both on free ports) and Debian's Chromium driven by playwright-core.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';
// @ts-expect-error plain JS module without types
import { startDemo as startDemoServers } from '../../scripts/demo.mjs';

export interface Demo {
  siteUrl: string;
  collectorUrl: string;
  token: string;
  site: string;
  stop(): Promise<void>;
}

export async function startDemo(name: string): Promise<Demo> {
  const dataDir = mkdtempSync(join(tmpdir(), `buurtkit-e2e-${name}-`));
  return (await startDemoServers({ dataDir, collectorPort: 0, sitePort: 0 })) as Demo;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}
