// The old catalogue format, kept only so that an area file written against it (on a branch made before next-intl)
// still type-checks until `npm run i18n:import-legacy` converts it into messages/<locale>/<area>.json and deletes it.
type Tree = { [key: string]: string | Tree };
type Same<T> = { [K in keyof T]: T[K] extends string ? string : Same<T[K]> };

/** @deprecated Add messages to messages/<locale>/<area>.json instead. */
export function defineArea<Z extends Tree>(area: { 'zh-CN': Z; en: Same<Z> & Tree }) {
  return area;
}
