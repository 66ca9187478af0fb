/**
 * UUIDv7 (RFC 9562): 48-bit Unix milliseconds, then random bits, so ids sort by creation time.
 * Made in the browser; it is the idempotency key of a submission. DOM-free and Node-free:
 * it needs only `crypto.getRandomValues`, which both provide.
 */

export const UUID_V7_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Two hex digits per byte value, made once. */
const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/**
 * Random bytes fetched 256 ids at a time: one call to the system's generator instead of one per
 * id (a busy collector makes an id per submission for its webhook outbox). Each id takes bytes no
 * other id took.
 */
const pool = new Uint8Array(16 * 256);
let poolAt = pool.length;

export function uuidv7(now: number = Date.now()): string {
  if (poolAt === pool.length) {
    crypto.getRandomValues(pool);
    poolAt = 0;
  }
  const r = poolAt;
  poolAt += 16;
  let ms = Math.max(0, Math.floor(now));
  let time = '';
  for (let i = 0; i < 6; i++) {
    time = HEX[ms % 256]! + time;
    ms = Math.floor(ms / 256);
  }
  let hex = time;
  for (let i = 6; i < 16; i++) {
    const b = pool[r + i]!;
    hex += HEX[i === 6 ? 0x70 | (b & 0x0f) : i === 8 ? 0x80 | (b & 0x3f) : b];
  }
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function isUuidV7(value: string): boolean {
  return UUID_V7_PATTERN.test(value);
}

/** Milliseconds since the epoch encoded in a UUIDv7. */
export function uuidv7Time(id: string): number {
  return parseInt(id.replace(/-/g, '').slice(0, 12), 16);
}
