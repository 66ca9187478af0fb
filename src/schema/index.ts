/**
 * The buurtkit protocol: what widgets send and what the collector accepts and serves.
 * DOM-free and Node-free. Browser code should import types only (`import type`) and the
 * zod-free `constants.js` / `ids.js`, to keep zod out of widget bundles.
 */
export * from './constants.js';
export * from './ids.js';
export * from './envelope.js';
export * from './idea-box.js';
export * from './site.js';
export * from './responses.js';
export * from './admin.js';
export * from './idea-tags.js';
export * from './activity.js';
export * from './consent.js';
export * from './localized-text.js';
export * from './feedback-poll.js';
export * from './poll-results.js';
export * from './welcome-intake.js';
export * from './volunteer.js';
