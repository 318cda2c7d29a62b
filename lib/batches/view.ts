// Plain rows for the batch pages (server → client components).
import type { Batch, BatchItem } from '@/db/schema';

export function batchRow(b: Batch) {
  return {
    id: b.id,
    operation: b.operation,
    status: b.status,
    createdByEmail: b.createdByEmail,
    total: b.total,
    succeeded: b.succeeded,
    failed: b.failed,
    skipped: b.skipped,
    cancelled: b.cancelled,
    createdAt: b.createdAt.getTime(),
    finishedAt: b.finishedAt?.getTime() ?? null,
  };
}
export type BatchRowView = ReturnType<typeof batchRow>;

/** What was sent and answered, as stored (never tokens or images); long answers are cut for the page. */
const JSON_LIMIT = 4000;
const clip = (json: string | null) => (json && json.length > JSON_LIMIT ? `${json.slice(0, JSON_LIMIT)}…` : json);

export function itemRow(i: BatchItem) {
  return {
    id: i.id,
    merchantName: i.merchantName,
    authAppId: i.authAppId,
    step: i.step,
    state: i.state,
    appVersion: i.appVersion,
    attempts: i.attempts,
    subCode: i.subCode,
    message: i.message,
    request: clip(i.request),
    result: clip(i.result),
    startedAt: i.startedAt?.getTime() ?? null,
    finishedAt: i.finishedAt?.getTime() ?? null,
  };
}
export type ItemRowView = ReturnType<typeof itemRow>;

const CSV_COLUMNS = ['merchantName', 'authAppId', 'step', 'state', 'appVersion', 'attempts', 'subCode', 'message'] as const;

function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v);
  // A leading = + - @ (or tab / CR, which some spreadsheets skip before one) would be a formula.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function itemsCsv(items: readonly BatchItem[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const i of items) lines.push(CSV_COLUMNS.map((c) => csvCell(i[c])).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/**
 * An item's message as a catalog key and its parameters: a pre-flight skip is stored as `key {"param":"…"}`, the
 * engine's and the platform's messages as plain text (returned as the key, which the translator shows as is).
 */
export function splitItemMessage(message: string): { key: string; params?: Record<string, string> } {
  const m = /^([\w.]+) (\{.*\})$/s.exec(message);
  if (!m) return { key: message };
  try {
    const params = JSON.parse(m[2]) as unknown;
    if (params && typeof params === 'object' && !Array.isArray(params)) return { key: m[1], params: Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])) };
  } catch {
    // Not our JSON: a platform message that happens to look like it.
  }
  return { key: message };
}
