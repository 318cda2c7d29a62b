// The platform speaks Beijing time (UTC+8, no DST) in `yyyy-MM-dd HH:mm:ss` form, whatever the server's zone.

const BEIJING_OFFSET_MS = 8 * 3600_000;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function formatBeijing(ms: number): string {
  const d = new Date(ms + BEIJING_OFFSET_MS);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

export function formatBeijingOrNull(ms: number | null | undefined): string | null {
  return ms == null ? null : formatBeijing(ms);
}

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

function parts(text: string): number[] | null {
  const m = TIMESTAMP.exec(text.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  return [y, mo, d, h, mi, s];
}

/** `yyyy-MM-dd HH:mm:ss` read as Beijing time, or null when malformed. */
export function parseBeijing(text: string): number | null {
  const p = parts(text);
  return p ? Date.UTC(p[0], p[1] - 1, p[2], p[3], p[4], p[5]) - BEIJING_OFFSET_MS : null;
}
