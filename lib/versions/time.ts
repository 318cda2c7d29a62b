// The platform's times are `yyyy-MM-dd HH:mm:ss` in China Standard Time (UTC+8, no daylight saving).
const PLATFORM_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/;

export function parsePlatformTime(text: string | null | undefined): Date | null {
  if (!text) return null;
  const m = PLATFORM_TIME.exec(text.trim());
  if (!m) return null;
  const d = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}+08:00`);
  return Number.isNaN(d.getTime()) ? null : d;
}
