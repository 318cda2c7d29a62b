// Release plans on the real worker (liteque) against a served sandbox whose reviewer decides automatically and
// rejects mini-programs in a category that needs a licence: a gate that fails pauses the plan and posts to the
// inbox; a worker killed mid-wave (jobs left "running", as kill -9 leaves them) resumes with nothing lost or repeated.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '@/db';
import { merchantApps, merchants as merchantsTable, messages } from '@/db/schema';
import { modifyBaseInfo } from '@/lib/alipay/base-info';
import { insertMerchant } from '@/lib/merchants/data';
import { staticTokenSource, type OpenedApp } from '@/lib/batches/token-source';
import { createBatchWorker, type BatchWorker } from '@/lib/jobs/batch-worker';
import { withPasses } from '@/lib/jobs/testing/passes';
import { auditsDecided, findPlan, listWaves, planItems } from '@/lib/plans/data';
import { planInputSchema, type PlanInput } from '@/lib/plans/input';
import { advancePlan, advancePlans, createPlan, resumePlan } from '@/lib/plans/service';
import type { GateDecision } from '@/lib/plans/shape';
import { memoryDb } from '@/lib/testing/memory-db';
import { miniAppsToReconcile, reconcileMiniApp } from '@/lib/versions/reconciler';
import { LICENSED_CATEGORY, PLAIN_CATEGORY, startContractSandbox, TEMPLATE_ID, waitFor, type ContractSandbox, type Merchant } from '../contract/harness';

const MERCHANTS = 12;
/** Index 1 is in the 25 % canary (the first three) and is rejected: its category needs a licence it lacks. */
const REJECTED = new Set([1]);
let cs: ContractSandbox;
let db: Db;
let queueDir: string;
let fleet: Merchant[];
let tokens: Map<string, OpenedApp>;
const appIds = new Map<string, number>();
const owner = { id: null, email: 'ops@example.com' };

function worker(): BatchWorker {
  const w = createBatchWorker({
    db,
    queueFile: path.join(queueDir, 'queue.db'),
    client: cs.client,
    tokens: staticTokenSource(tokens),
    concurrency: 8,
    rps: 500,
    buildPollMs: 60,
    // Longer than any test: a merchant goes on because the worker wakes it once its decision is recorded.
    auditPollMs: 600_000,
    retry: { maxAttempts: 6, baseDelayMs: 20, maxDelayMs: 200 },
    sweepMs: 50,
    onBatchClosed: (b) => b.planId && advancePlan(db, b.planId),
    onSweep: () => {
      advancePlans(db);
      return auditsDecided(db);
    },
    // No messages reach this console: it learns each decision by reconciliation, the safety net.
    reconcile: async (id, client) => {
      const app = db.select().from(merchantApps).where(eq(merchantApps.id, id)).get()!;
      const merchant = db.select().from(merchantsTable).where(eq(merchantsTable.id, app.merchantId)).get()!;
      await reconcileMiniApp({ db, client, now: () => new Date(), operable: () => ({ app, merchant, appAuthToken: tokens.get(app.authAppId)!.appAuthToken }) }, id);
    },
  });
  return withPasses(w, { reconcileDue: () => miniAppsToReconcile(db) });
}

function plan(minOnline: number, apps: Merchant[]): number {
  const input: PlanInput = {
    name: `plan ${minOnline}`,
    templateId: TEMPLATE_ID,
    templateVersion: '1.0.0',
    ext: '{"extEnable":true,"ext":{"shopName":"{{merchant.name}}"}}',
    merchantAppIds: apps.map((m) => appIds.get(m.appId)!),
    waves: { kind: 'percent', percents: [25] },
    grayStrategy: 'p10',
    holdSeconds: 0,
    gate: { minOnline, maxFailed: 40 },
    audit: { versionDesc: '本次更新优化了商品列表的加载速度，并修复了若干已知问题，提升整体使用体验。', regionType: 'GLOBAL', screenshots: [] },
  };
  const r = createPlan(db, owner, planInputSchema.parse(input));
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.plan.id;
}

const statusOf = (id: number) => findPlan(db, id)?.status;
const onSandbox = (appId: string) => cs.sandbox.control.listVersions(appId);

beforeAll(async () => {
  cs = await startContractSandbox({ buildDurationMs: 50, reviewDelayMs: 100 });
  db = memoryDb();
  queueDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-queue-'));
  fleet = [];
  for (let i = 0; i < MERCHANTS * 2; i++) fleet.push(await cs.newMerchant());
  for (const [i, m] of fleet.entries()) {
    const category = REJECTED.has(i % MERCHANTS) ? LICENSED_CATEGORY : PLAIN_CATEGORY;
    await modifyBaseInfo({ appAuthToken: m.appAuthToken, miniCategoryIds: [category], servicePhone: '0571-88886666' }, cs.client);
    const merchant = insertMerchant(db, { name: m.appName, contactName: '王经理', mobile: `139${String(i).padStart(8, '0')}`, industry: 'retail', authStatus: 'authorized' });
    const app = db
      .insert(merchantApps)
      .values({ merchantId: merchant.id, authAppId: m.appId, appName: m.appName, status: 'authorized', authorizedAt: new Date(), categoryIds: category })
      .returning()
      .get();
    appIds.set(m.appId, app.id);
  }
  tokens = new Map(fleet.map((m) => [m.appId, { appAuthToken: m.appAuthToken, subject: { merchant: { name: m.appName, phone: '13800001111' }, miniApp: { appId: m.appId } } }]));
}, 120_000);

afterAll(async () => {
  await cs?.close();
  fs.rmSync(queueDir, { recursive: true, force: true });
});

describe('release plans on the worker', () => {
  test('a canary gate that fails pauses the plan before the next wave and posts to the inbox; resume goes on', async () => {
    const apps = fleet.slice(0, MERCHANTS);
    const id = plan(100, apps);
    const w = worker();
    try {
      await waitFor(() => (statusOf(id) === 'paused' ? true : undefined), 'paused by the gate', 30_000);
      const [canary, rest] = listWaves(db, id);
      expect(canary.status).toBe('held');
      const gate = JSON.parse(canary.gate!) as GateDecision;
      expect(gate).toMatchObject({ total: 3, online: 2, rejected: 1, failed: 0, passed: false, minOnline: 100 });
      expect(findPlan(db, id)!.pauseReason).toBe('plans.pause.gate');
      // What the platform holds: the canary's two online, the rejected one rejected, nothing of the second wave.
      expect(apps.slice(0, 3).map((m) => onSandbox(m.appId)[0]?.status)).toEqual(['RELEASE', 'AUDIT_REJECT', 'RELEASE']);
      expect(rest.status).toBe('waiting');
      for (const m of apps.slice(3)) expect(cs.sandbox.control.countUploads(m.appId)).toBe(0);
      const inbox = db.select().from(messages).where(eq(messages.type, 'plan.paused')).all();
      expect(inbox).toHaveLength(1);
      expect(inbox[0]).toMatchObject({ link: `/plans/${id}` });
      expect(inbox[0].body).toContain('已上线 2（66.7%，要求 ≥ 100%）');

      resumePlan(db, owner, id);
      await waitFor(() => (statusOf(id) === 'finished' ? true : undefined), 'finished after resume', 60_000);
      expect(listWaves(db, id).map((w) => w.status)).toEqual(['overridden', 'done']);
      for (const m of apps.slice(3)) expect(onSandbox(m.appId).map((v) => v.status)).toEqual(['RELEASE']);
      expect(db.select().from(messages).where(eq(messages.type, 'plan.finished')).all()).toHaveLength(1);
    } finally {
      await w.stop();
    }
  }, 120_000);

  test('a worker killed mid-wave resumes: every merchant ends where the reviewer put it, nobody uploaded twice', async () => {
    const apps = fleet.slice(MERCHANTS);
    const id = plan(60, apps);
    const first = worker();
    // Mid second wave: some of its merchants uploaded, not all online yet.
    await waitFor(() => {
      const items = [...planItems(db, id).values()];
      const second = items.filter((i) => i.batchId === listWaves(db, id)[1].batchId);
      return second.some((i) => i.step !== 'upload') && second.some((i) => i.state !== 'succeeded') ? true : undefined;
    }, 'second wave under way', 30_000);
    await first.stop();
    // What kill -9 leaves in the queue: jobs marked running whose worker is gone.
    const queue = new Database(path.join(queueDir, 'queue.db'));
    const stuck = queue.prepare(`UPDATE tasks SET status = 'running', expireAt = ? WHERE status IN ('pending', 'pending_retry')`).run(Math.floor(Date.now() / 1000) + 3600).changes;
    queue.close();
    expect(stuck).toBeGreaterThan(0);

    const second = worker();
    try {
      await waitFor(() => (statusOf(id) === 'finished' ? true : undefined), 'finished after the restart', 60_000);
      const [canary, rest] = listWaves(db, id);
      expect(canary).toMatchObject({ status: 'passed' });
      expect(JSON.parse(canary.gate!)).toMatchObject({ total: 3, online: 2, rejected: 1, passed: true });
      expect(JSON.parse(rest.gate!)).toMatchObject({ total: 9, online: 9, rejected: 0, failed: 0 });
      const items = planItems(db, id);
      for (const [i, m] of apps.entries()) {
        // Lost: none (every merchant has its item, finished); repeated: none (one upload each on the platform).
        expect(cs.sandbox.control.countUploads(m.appId)).toBe(1);
        const item = items.get(m.appId)!;
        if (REJECTED.has(i)) {
          expect(item).toMatchObject({ state: 'failed', subCode: 'AUDIT_REJECTED' });
          expect(item.message).toContain('资质');
          expect(onSandbox(m.appId)[0].status).toBe('AUDIT_REJECT');
        } else {
          expect(item.state).toBe('succeeded');
          expect(onSandbox(m.appId).map((v) => v.status)).toEqual(['RELEASE']);
        }
      }
    } finally {
      await second.stop();
    }
  }, 120_000);
});
