// Plain rows for the batch pages (server → client components).
import type { Batch, BatchItem } from '@/db/schema';
import type { Translate } from '@/lib/i18n/core';
import { parseParams, renderText } from '@/lib/messages/text';

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
    messageParams: i.messageParams,
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

/** The items as CSV; messages in the reader's language. */
export function itemsCsv(items: readonly BatchItem[], t: Translate): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const i of items) lines.push(CSV_COLUMNS.map((c) => csvCell(c === 'message' ? renderItemMessage(t, i.message, i.messageParams) : i[c])).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/**
 * An item's message in the reader's language: a catalog key with its stored parameters (a step named in them is
 * shown in the reader's words, never as its id), or the platform's own text as it came.
 */
export function renderItemMessage(t: Translate, message: string | null, messageParams: string | null): string | null {
  if (!message) return null;
  const params = parseParams(messageParams);
  const shown = params && typeof params.step === 'string' ? { ...params, step: { t: `batches.steps.${params.step}` } } : params;
  return renderText(t, { key: message, params: shown });
}
