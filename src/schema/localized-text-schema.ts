/**
 * Zod for `LocalizedText`: a trimmed string (Dutch, as stored before translations existed), or
 * `{nl, en?, ar?}` with the Dutch required and an empty translation read as "not given". Old data
 * stays valid; an object with only Dutch is stored as given.
 */
import { z } from 'zod';
import { optionalText, requiredText } from './activity.js';

const translations = (max: number) => ({ en: optionalText(max), ar: optionalText(max) });

export const requiredLocalizedText = (max: number) =>
  z.union([requiredText(max), z.strictObject({ nl: requiredText(max), ...translations(max) })]);

export const optionalLocalizedText = (max: number) =>
  z.union([optionalText(max), z.strictObject({ nl: requiredText(max), ...translations(max) })]).optional();
