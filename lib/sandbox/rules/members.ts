// Member rules (contract §4 "Members"): how the platform masks an account and derives a member's open_id.
import crypto from 'node:crypto';

/** Sandbox rule: email → first 3 characters of the local part + `***@domain`; mobile → first 3 + `****` + last 4. */
export function maskLogonId(logonId: string): string {
  const at = logonId.indexOf('@');
  if (at >= 0) return `${logonId.slice(0, Math.min(3, at))}***${logonId.slice(at)}`;
  if (logonId.length >= 7) return `${logonId.slice(0, 3)}****${logonId.slice(-4)}`;
  return `${logonId.slice(0, 1)}***`;
}

/** A stable per-mini-program id for a person, as the platform gives each app its own open_id. */
export function openIdOf(appId: string, userId: string): string {
  return `0${crypto.createHash('sha256').update(`${appId}:${userId}`).digest('hex').slice(0, 31)}`;
}
