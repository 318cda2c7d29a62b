// Server domain whitelist rules of alipay.open.mini.safedomain.create / .delete (contract §4 "Domains").
import type { Refusal } from './versions';

/** The sandbox's block list as it ships; editable on /sandbox (settings.blockedDomains). */
export const DEFAULT_BLOCKED_DOMAINS = ['blocked.example'] as const;
export const MAX_SAFE_DOMAINS = 30;
const MAX_LENGTH = 253;

/**
 * Sandbox rules for the accepted form: a host name, optionally prefixed `https://` or `wss://`, without path, query,
 * port or IP address. Returns the value as it will be listed (prefix kept, host lower-cased) or the refusal.
 */
export function checkSafeDomain(raw: string | undefined, blocked: readonly string[]): { ok: true; value: string; host: string } | { ok: false; refusal: Refusal } {
  const value = (raw ?? '').trim();
  if (!value) return { ok: false, refusal: { subCode: 'SAFE_DOMAIN_IS_BLANK', subMsg: '服务器域名不能为空' } };
  if (value.length > MAX_LENGTH) return { ok: false, refusal: { subCode: 'SAFEDOMAIN_EXCEED_LENGTH', subMsg: `服务器域名不能超过 ${MAX_LENGTH} 个字符` } };
  const m = /^(https:\/\/|wss:\/\/)?([^/?#:\s]+)$/i.exec(value);
  const host = m?.[2].toLowerCase() ?? '';
  const label = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
  const isIp = /^\d{1,3}(\.\d{1,3}){3}$/.test(host);
  const labels = host.split('.');
  if (!m || isIp || labels.length < 2 || !labels.every((l) => label.test(l)) || /^\d+$/.test(labels[labels.length - 1])) {
    return { ok: false, refusal: { subCode: 'INVALID_SAFE_DOMAIN', subMsg: `服务器域名 ${value} 格式不正确：只填域名，可带 https:// 或 wss:// 前缀，不能带路径、端口或 IP` } };
  }
  if (blocked.some((b) => b.toLowerCase() === host)) return { ok: false, refusal: { subCode: 'SAFEDOMAIN_FORBID', subMsg: `域名 ${host} 禁止添加` } };
  return { ok: true, value: `${m[1]?.toLowerCase() ?? ''}${host}`, host };
}

/** Case-insensitive comparison of two listed domains. */
export const sameDomain = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
