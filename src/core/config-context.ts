import { createContext } from '@lit/context';
import type { EndpointConfig } from './endpoint.js';

/** What `<buurtkit-config>` provides to the widgets inside it. */
export type BuurtkitConfig = EndpointConfig;

/**
 * A string key, not a symbol, so two copies of the bundle on one page still find each other's
 * provider.
 */
export const configContext = createContext<BuurtkitConfig | undefined>('buurtkit-config');

export const CONFIG_TAG = 'buurtkit-config';
