// Dates are shown in China Standard Time everywhere (server and browser render the same text, no hydration drift).
export const DISPLAY_TIME_ZONE = 'Asia/Shanghai';

const dateTime = new Intl.DateTimeFormat('sv-SE', {
  timeZone: DISPLAY_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

/** "2026-11-22 19:05:03" in China Standard Time. */
export function formatDateTime(value: string | number | Date | null | undefined, { seconds = true } = {}): string {
  if (value === null || value === undefined || value === '') return '—';
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return '—';
  const text = dateTime.format(d);
  return seconds ? text : text.slice(0, 16);
}
