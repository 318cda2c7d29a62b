import type { Messages } from '../core';

type Same<T> = { [K in keyof T]: T[K] extends string ? string : Same<T[K]> };

/**
 * A feature's own slice of the catalog (e.g. `{ merchants: {...} }`), in both languages; the type makes the
 * English side carry every key of the Chinese side. Registered in ./index.ts.
 */
export function defineArea<Z extends Messages>(area: { 'zh-CN': Z; en: Same<Z> & Messages }) {
  return area;
}
