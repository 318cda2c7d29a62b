// The registry follows the platform: templatelist.query for templates and versions, instantiate.query (every page)
// for which mini-programs run which version. Runs at the worker's start (lib/jobs/schedule.ts) and when staff press
// "从平台同步".
import 'server-only';
import type { Db } from '@/db';
import type { AlipayClient } from '@/lib/alipay/client';
import { getAlipayClient } from '@/lib/alipay/client';
import { alipayUserMessage } from '@/lib/alipay/errors';
import { queryAllInstances, queryTemplateList } from '@/lib/alipay/templates';
import { postMessage } from '@/lib/messages/post';
import { applyInstances, recordTemplateSync } from './data';
import { applyTemplateList, type RegistrySyncSummary } from './data';

export type TemplateSyncResult =
  | { ok: true; summary: RegistrySyncSummary; templates: number; instances: number; instancesComplete: boolean }
  | { ok: false; error: string };

const g = globalThis as unknown as { __templateSync?: Promise<TemplateSyncResult> };

async function runSync(db: Db, client: AlipayClient, byUserId: number | null, now: () => Date): Promise<TemplateSyncResult> {
  recordTemplateSync(db, { attemptedAt: now(), byUserId });
  try {
    const list = await queryTemplateList(client);
    const { instances, complete } = await queryAllInstances({}, client);
    const summary = applyTemplateList(db, list, now());
    for (const v of summary.shelvedVersions) {
      postMessage(db, { type: 'template.onShelf', notice: { name: 'templateOnShelf', params: { template: v.name, version: v.version } }, link: `/templates/${v.templateId}` });
    }
    applyInstances(db, instances, { complete, now: now() });
    recordTemplateSync(db, { syncedAt: now(), error: null, instancesComplete: complete });
    return { ok: true, summary, templates: list.length, instances: instances.length, instancesComplete: complete };
  } catch (e) {
    const error = alipayUserMessage(e);
    recordTemplateSync(db, { error });
    return { ok: false, error };
  }
}

/** One sync; a second caller while one runs gets the running one's result instead of a second set of calls. */
export function syncTemplatesFromPlatform(
  db: Db,
  opts: { client?: AlipayClient; byUserId?: number | null; now?: () => Date } = {},
): Promise<TemplateSyncResult> {
  g.__templateSync ??= runSync(db, opts.client ?? getAlipayClient(), opts.byUserId ?? null, opts.now ?? (() => new Date())).finally(() => {
    g.__templateSync = undefined;
  });
  return g.__templateSync;
}

/** The worker's sync (at its start): a failure throws, so the schedule tries again. */
export async function syncTemplatesInWorker(db: Db): Promise<void> {
  const r = await syncTemplatesFromPlatform(db);
  if (!r.ok) throw new Error(`sync from the platform failed: ${r.error}`);
  console.log(`[templates] synced ${r.templates} templates and ${r.instances} instances from the platform`);
}
