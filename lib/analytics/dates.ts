// Beijing calendar dates (`yyyy-MM-dd`): the platform's figures belong to Beijing days (contract §2, §4).
const DAY_MS = 86_400_000;
const BEIJING_OFFSET_MS = 8 * 3600_000;

export const beijingDayNumber = (ms: number) => Math.floor((ms + BEIJING_OFFSET_MS) / DAY_MS);

export function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export const beijingDate = (ms: number) => dateOfDay(beijingDayNumber(ms));

/** The `count` dates ending with `last` (inclusive), oldest first. */
export function dateRange(last: string, count: number): string[] {
  const end = Date.parse(`${last}T00:00:00Z`) / DAY_MS;
  return Array.from({ length: count }, (_, i) => dateOfDay(end - count + 1 + i));
}

export function addDays(date: string, days: number): string {
  return dateOfDay(Date.parse(`${date}T00:00:00Z`) / DAY_MS + days);
}

/** The start (epoch ms) of a Beijing date. */
export const beijingDayStart = (date: string) => Date.parse(`${date}T00:00:00Z`) - BEIJING_OFFSET_MS;
