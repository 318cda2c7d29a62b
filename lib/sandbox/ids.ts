// Identifiers shaped like the platform's.
import crypto from 'node:crypto';
import { formatBeijing } from './protocol/time';

export function randomDigits(count: number): string {
  let out = '';
  while (out.length < count) out += crypto.randomInt(0, 10).toString();
  return out;
}

export const randomHex = (bytes: number) => crypto.randomBytes(bytes).toString('hex');

/** Alipay user ids: 2088 + 12 digits. */
export const newUserId = () => `2088${randomDigits(12)}`;
/** Mini-program app ids: 2021 + 12 digits. */
export const newMiniAppId = () => `2021${randomDigits(12)}`;
/** Tokens start with the year and month of issue, like the platform's (`202405BB…`). */
export function newToken(now: number): string {
  return `${formatBeijing(now).slice(0, 7).replace('-', '')}BB${randomHex(16)}`;
}
export const newAuthCode = () => `P${randomHex(16)}`;
export const newNotifyId = () => randomHex(16);
export const newTraceId = () => randomHex(16);
export const newRouteGroup = () => randomHex(16);

/** Draws ids until one is free. */
export function uniqueId(make: () => string, taken: (id: string) => boolean): string {
  for (let i = 0; i < 100; i++) {
    const id = make();
    if (!taken(id)) return id;
  }
  throw new Error('Could not draw a free identifier');
}
