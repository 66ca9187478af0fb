export const CHROMIUM_ARGS: string[];
export const CHROMIUM_PATH: string;
