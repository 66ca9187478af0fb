// tsc does not keep the executable bit: make the collector CLI runnable as `buurtkit-collector`.
import { chmodSync, existsSync } from 'node:fs';
const cli = new URL('../dist/collector/cli.js', import.meta.url);
if (existsSync(cli)) chmodSync(cli, 0o755);
