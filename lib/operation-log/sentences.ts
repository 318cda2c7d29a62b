// The operation log read as sentences in the reader's language ("张三 将 老王烧烤 1.2.0 灰度 30%"), from what
// each record stores: the action, its target, its (secret-free) input and its outcome. Names (people, merchants,
// mini-programs) are looked up for a page of records at once; anything unknown falls back to the stored id.
import type { Db } from '@/db';
import type { OperationLog } from '@/db/schema';
import type { Translate } from '@/lib/i18n/core';
import { renderText } from '@/lib/messages/text';
import { appNamesOf, batchOperationsOf, merchantNamesOf, userNamesOf } from './data';

export interface OperationNames {
  users: Map<number, string>;
  merchants: Map<string, string>;
  apps: Map<string, string>;
  batches: Map<string, string>;
}

const SYSTEM_EMAIL = /^system@|^system$/;

/** Splits `2021…@1.2.0` (a mini-program version target) into its app id and version. */
function versionRef(id: string): { appId: string; version: string } | null {
  const at = id.lastIndexOf('@');
  return at > 0 ? { appId: id.slice(0, at), version: id.slice(at + 1) } : null;
}

/** The names a page of records mentions, read in four queries. */
export function lookupNames(db: Db, rows: readonly OperationLog[]): OperationNames {
  const userIds = new Set<number>();
  const merchantIds = new Set<number>();
  const appIds = new Set<string>();
  const batchIds = new Set<number>();
  for (const r of rows) {
    if (r.actorId) userIds.add(r.actorId);
    if (!r.targetId) continue;
    if (r.targetType === 'user' && Number.isInteger(Number(r.targetId))) userIds.add(Number(r.targetId));
    if (r.targetType === 'merchant' && Number.isInteger(Number(r.targetId))) merchantIds.add(Number(r.targetId));
    if (r.targetType === 'miniApp') appIds.add(r.targetId);
    if (r.targetType === 'miniAppVersion') {
      const ref = versionRef(r.targetId);
      if (ref) appIds.add(ref.appId);
    }
    if (r.targetType === 'batch' && Number.isInteger(Number(r.targetId))) batchIds.add(Number(r.targetId));
  }
  return {
    users: userNamesOf(db, [...userIds]),
    merchants: merchantNamesOf(db, [...merchantIds]),
    apps: appNamesOf(db, [...appIds]),
    batches: batchOperationsOf(db, [...batchIds]),
  };
}

function parseInput(input: string | null): Record<string, unknown> {
  if (!input) return {};
  try {
    const v = JSON.parse(input) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    // Cut at the stored limit: not JSON any more.
    return {};
  }
}

export function actorLabel(t: Translate, r: Pick<OperationLog, 'actorId' | 'actorEmail'>, names: OperationNames): string {
  if (r.actorId && names.users.has(r.actorId)) return names.users.get(r.actorId)!;
  return SYSTEM_EMAIL.test(r.actorEmail) ? t('operationLog.system') : r.actorEmail;
}

export function targetLabel(r: Pick<OperationLog, 'targetType' | 'targetId'>, names: OperationNames): string | null {
  if (!r.targetId) return null;
  switch (r.targetType) {
    case 'merchant':
      return names.merchants.get(r.targetId) ?? `#${r.targetId}`;
    case 'user':
      return names.users.get(Number(r.targetId)) ?? `#${r.targetId}`;
    case 'batch':
      return `#${r.targetId}`;
    case 'miniApp':
      return names.apps.get(r.targetId) ?? r.targetId;
    case 'miniAppVersion': {
      const ref = versionRef(r.targetId);
      return ref ? `${names.apps.get(ref.appId) ?? ref.appId} ${ref.version}` : r.targetId;
    }
    default:
      return r.targetId;
  }
}

/** What a record's detail says: an action's error or refusal is a catalog key (with parameters), else plain text. */
export function detailText(t: Translate, r: Pick<OperationLog, 'detail' | 'detailParams'>): string | null {
  if (!r.detail) return null;
  let params;
  try {
    params = r.detailParams ? JSON.parse(r.detailParams) : undefined;
  } catch {
    params = undefined;
  }
  return renderText(t, { key: r.detail, params });
}

/** One record as a sentence in the reader's language, with its outcome when it did not succeed. */
export function operationSentence(t: Translate, r: OperationLog, names: OperationNames): string {
  const input = parseInput(r.input);
  const actor = actorLabel(t, r, names);
  const target = targetLabel(r, names);
  const action = t.has(`actions.${r.action}`) ? t(`actions.${r.action}`) : r.action;
  const params: Record<string, string | number> = { actor, target: target ?? '', action };
  if (typeof input.grayStrategy === 'string') params.percent = Number(/\d+/.exec(input.grayStrategy)?.[0] ?? 0);
  if (r.action === 'versions.reconcile') {
    params.from = typeof input.from === 'string' ? input.from : '—';
    params.to = typeof input.to === 'string' ? input.to : '—';
  }
  if (r.action === 'batches.start') {
    const op = (typeof input.operation === 'string' ? input.operation : undefined) ?? (r.targetId ? names.batches.get(r.targetId) : undefined);
    params.operation = op && t.has(`batches.operations.${op}`) ? t(`batches.operations.${op}`) : (op ?? '');
  }
  const key = `operationLog.sentences.${r.action}`;
  let sentence = t.has(key) ? t(key, params) : t(target ? 'operationLog.sentences.generic' : 'operationLog.sentences.genericNoTarget', params);
  if (r.result !== 'ok') {
    const detail = detailText(t, r) ?? '—';
    sentence += r.result === 'refused' ? t('operationLog.refused', { detail }) : t('operationLog.failed', { detail });
  }
  return sentence;
}

/** A page of records, each with its sentence and detail in the reader's language (plain data for the client). */
export function describeOperations(db: Db, t: Translate, rows: readonly OperationLog[]) {
  const names = lookupNames(db, rows);
  return rows.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    actorEmail: r.actorEmail,
    actor: actorLabel(t, r, names),
    action: r.action,
    targetType: r.targetType,
    targetId: r.targetId,
    input: r.input,
    result: r.result,
    detail: detailText(t, r),
    sentence: operationSentence(t, r, names),
  }));
}
export type DescribedOperation = ReturnType<typeof describeOperations>[number];
