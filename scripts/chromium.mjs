/**
 * Flags for the headless Debian Chromium that the browser tests, the end-to-end tests, the
 * screenshots and the browser benchmark launch (see README for the machine it runs on).
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Chromium 156 starts the address bar's popup UI (a "WebUI Top Renderer") in a renderer of its
  // own for every new window, headless too: about 1.1 s of CPU in the first seconds of each
  // window, while the page under test loads, on the same two cores. No page asks for it.
  // Chromium reads only the last `--disable-features`, and Playwright passes its own list
  // (`chromiumSwitches` in playwright-core: third-party storage partitioning, paint holding, HTTPS
  // upgrades and requests to Google at start-up), so that list is repeated here in full;
  // test/unit/chromium-args.test.ts fails when Playwright's list changes.
  `--disable-features=${[
    'AvoidUnnecessaryBeforeUnloadCheckSync',
    'DestroyProfileOnBrowserClose',
    'HttpsUpgrades',
    'HttpsFirstBalancedModeAutoEnable',
    'LensOverlay',
    'MediaRouter',
    'PaintHolding',
    'ThirdPartyStoragePartitioning',
    'AvoidCorsURLLoaderRestartOnRedirect',
    'TcpPortRandomizationWin',
    'OptimizationHints',
    'NetworkTimeServiceQuerying',
    'AimEnabled',
    'PreconnectToSearch',
    'msForceBrowserSignIn',
    'msEdgeUpdateLaunchServicesPreferredVersion',
    'WebUIOmniboxPopup',
    'WebUIOmniboxAimPopup',
  ].join(',')}`,
];

/** The browser: `CHROMIUM_PATH`, or Debian's. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
