// The registry follows the platform: templatelist.query for templates and versions, instantiate.query (every page)
// for which mini-programs run which version. Runs at the server's start and when staff press "从平台同步".
import 'server-only';
import type { Db } from '@/db';
import type { AlipayClient } from '@/lib/alipay/client';
import { getAlipayClient } from '@/lib/alipay/client';
import { alipayUserMessage } from '@/lib/alipay/errors';
import { queryAllInstances, queryTemplateList } from '@/lib/alipay/templates';
import { postMessage } from '@/lib/messages/post';
import { applyInstances, recordTemplateSync } from './instances';
import { applyTemplateList, type RegistrySyncSummary } from './registry';

export type TemplateSyncResult =
  | { ok: true; summary: RegistrySyncSummary; templates: number; instances: number; instancesComplete: boolean }
  | { ok: false; error: string };

const g = globalThis as unknown as { __templateSync?: Promise<TemplateSyncResult>; __templateSyncTimer?: NodeJS.Timeout };

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

/** Seconds after start of each attempt: the server's own gateway (sandbox mode) answers only once it listens. */
const START_ATTEMPTS_S = [1, 2, 3, 5, 8, 13, 21, 34, 60, 120, 300];

/** The sync at start, retried a few times while it fails; never blocks the start. */
export function startTemplateSync(db: Db): void {
  if (g.__templateSyncTimer) return;
  const attempt = (i: number) => {
    g.__templateSyncTimer = setTimeout(() => {
      void syncTemplatesFromPlatform(db).then((r) => {
        if (r.ok) {
          console.log(`[templates] synced ${r.templates} templates and ${r.instances} instances from the platform`);
          return;
        }
        console.warn(`[templates] sync from the platform failed: ${r.error}`);
        if (i + 1 < START_ATTEMPTS_S.length) attempt(i + 1);
      });
    }, (START_ATTEMPTS_S[i] - (i ? START_ATTEMPTS_S[i - 1] : 0)) * 1000);
    g.__templateSyncTimer.unref?.();
  };
  attempt(0);
}
