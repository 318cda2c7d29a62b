// A 50-merchant instantiate batch run by the real worker (liteque) against a served sandbox with 5% injected
// transient faults, then a worker stopped mid-batch (with a call that landed but was never recorded) resuming.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '@/db';
import { batchItems, merchantApps, merchants as merchantsTable, messages, miniAppVersions } from '@/db/schema';
import { miniAppsToReconcile, reconcileMiniApp } from '@/lib/versions/reconciler';
import { uploadVersion } from '@/lib/alipay/versions';
import { findBatch, listItems, updateItem } from '@/lib/batches/data';
import { postBatchFinished } from '@/lib/batches/inbox';
import { insertMerchant } from '@/lib/merchants/data';
import type { PreflightSubject } from '@/lib/batches/preflight';
import { startBatch } from '@/lib/batches/service';
import { staticTokenSource, type OpenedApp } from '@/lib/batches/token-source';
import { createBatchWorker, type BatchWorker } from '@/lib/jobs/batch-worker';
import { withPasses } from '@/lib/jobs/testing/passes';
import { memoryDb } from '@/lib/testing/memory-db';
import { startContractSandbox, TEMPLATE_ID, waitFor, type ContractSandbox, type Merchant } from '../contract/harness';

const MERCHANTS = 50;
let cs: ContractSandbox;
let db: Db;
let queueDir: string;
let merchants: Merchant[];
let tokens: Map<string, OpenedApp>;
/** The console's merchant_apps row of each sandbox mini-program, by app id. */
const appRows = new Map<string, { merchantId: number; merchantAppId: number }>();

const params = { templateId: TEMPLATE_ID, ext: '{"extEnable":true,"ext":{"shopName":"{{merchant.name}}","appId":"{{miniApp.appId}}"}}' };

function subjects(): PreflightSubject[] {
  return merchants.map((m) => ({
    ...appRows.get(m.appId)!,
    authAppId: m.appId,
    merchantName: m.appName,
    merchantPhone: '13800001111',
    appName: m.appName,
    blocked: null,
    busy: false,
    versions: [],
  }));
}

function worker(extra: Partial<Parameters<typeof createBatchWorker>[0]> = {}): BatchWorker {
  return createBatchWorker({
    ...extra,
    db,
    queueFile: path.join(queueDir, 'queue.db'),
    client: cs.client,
    tokens: staticTokenSource(tokens),
    concurrency: 8,
    rps: 500,
    buildPollMs: 60,
    retry: { maxAttempts: 6, baseDelayMs: 20, maxDelayMs: 200 },
    sweepMs: 50,
    onBatchClosed: (b) => postBatchFinished(db, b),
  });
}

function start(): number {
  const r = startBatch(db, { id: null, email: 'ops@example.com' }, 'instantiate', params, subjects());
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.batch.id;
}

const finished = (id: number) => waitFor(() => (findBatch(db, id)?.status === 'finished' ? findBatch(db, id) : undefined), `batch ${id}`, 60_000);

beforeAll(async () => {
  cs = await startContractSandbox({ buildDurationMs: 50 });
  db = memoryDb();
  queueDir = fs.mkdtempSync(path.join(os.tmpdir(), 'batch-queue-'));
  merchants = [];
  for (let i = 0; i < MERCHANTS; i++) merchants.push(await cs.newMerchant());
  // The console's own records of them (tokens come from the static source): uploads are written into their versions.
  for (const [i, m] of merchants.entries()) {
    const merchant = insertMerchant(db, { name: m.appName, contactName: '王经理', mobile: `139${String(i).padStart(8, '0')}`, industry: 'retail', authStatus: 'authorized' });
    const app = db.insert(merchantApps).values({ merchantId: merchant.id, authAppId: m.appId, appName: m.appName, status: 'authorized', authorizedAt: new Date() }).returning().get();
    appRows.set(m.appId, { merchantId: merchant.id, merchantAppId: app.id });
  }
  tokens = new Map(merchants.map((m) => [m.appId, { appAuthToken: m.appAuthToken, subject: { merchant: { name: m.appName, phone: '13800001111' }, miniApp: { appId: m.appId } } }]));
}, 120_000);

afterAll(async () => {
  await cs?.close();
  fs.rmSync(queueDir, { recursive: true, force: true });
});

describe('instantiate batch on the worker', () => {
  test('50 merchants with 5% transient faults: each succeeds or fails with its reason, none uploaded twice', async () => {
    cs.sandbox.control.setFaults([{ method: '*', errorRate: 0.05 }]);
    const id = start();
    const w = worker();
    try {
      const batch = await finished(id);
      const items = listItems(db, id);
      expect(items).toHaveLength(MERCHANTS);
      for (const item of items) {
        expect(['succeeded', 'failed']).toContain(item.state);
        if (item.state === 'failed') expect(item.subCode && item.message).toBeTruthy();
        expect(cs.sandbox.control.countUploads(item.authAppId)).toBe(item.state === 'succeeded' ? 1 : item.appVersion ? 1 : 0);
      }
      expect(batch!.succeeded + batch!.failed).toBe(MERCHANTS);
      // With 6 attempts, a 5% fault rate should fail almost nobody.
      expect(batch!.succeeded).toBeGreaterThanOrEqual(MERCHANTS - 2);
      const rendered = cs.sandbox.control.listVersions(merchants[0].appId)[0];
      expect(rendered.appVersion).toBe('1.0.0');
      // Each uploaded version is in the console's copy with its template and rendered ext: what the drift view reads.
      const recorded = db.select().from(miniAppVersions).where(eq(miniAppVersions.authAppId, merchants[0].appId)).all();
      expect(recorded.map((v) => [v.appVersion, v.templateId])).toEqual([['1.0.0', TEMPLATE_ID]]);
      expect(JSON.parse(recorded[0].ext!)).toEqual({ extEnable: true, ext: { shopName: merchants[0].appName, appId: merchants[0].appId } });
      expect(db.select().from(messages).where(eq(messages.type, 'batch.finished')).all()).toHaveLength(1);
    } finally {
      await w.stop();
      cs.sandbox.control.setFaults([]);
    }
  }, 90_000);

  test('a worker stopped mid-batch, with calls that landed unrecorded and jobs left running, is resumed without duplicates', async () => {
    const id = start();
    const first = worker();
    await waitFor(() => (listItems(db, id).filter((i) => i.state === 'succeeded').length >= 10 ? true : undefined), 'progress', 30_000);
    await first.stop();
    const pending = listItems(db, id).filter((i) => i.state === 'pending');
    expect(pending.length).toBeGreaterThan(3);

    // What a kill -9 leaves: the upload reached the platform, the item says "call outstanding", the version row
    // written before the call says "upload of unknown outcome", and the job says running.
    const interrupted = pending.slice(0, 3);
    for (const item of interrupted) {
      const appVersion = '1.0.1';
      updateItem(db, item.id, { state: 'running', callOutstanding: true, attempts: 1, stepAttempts: 1, appVersion });
      db.insert(miniAppVersions)
        .values({ merchantAppId: item.merchantAppId!, authAppId: item.authAppId, appVersion, status: null, buildStatus: 'queued', pendingOperation: 'upload', pendingSince: new Date() })
        .run();
      await uploadVersion({ appAuthToken: tokens.get(item.authAppId)!.appAuthToken, templateId: TEMPLATE_ID, appVersion, ext: '{}' }, cs.client);
    }
    const queue = new Database(path.join(queueDir, 'queue.db'));
    const stuck = queue
      .prepare(`UPDATE tasks SET status = 'running', expireAt = ? WHERE idempotencyKey IN (${interrupted.map(() => '?').join(',')})`)
      .run(Math.floor(Date.now() / 1000) + 3600, ...interrupted.map((i) => i.idempotencyKey)).changes;
    queue.close();
    expect(stuck).toBe(3);

    const second = worker();
    try {
      const batch = await finished(id);
      expect(batch).toMatchObject({ succeeded: MERCHANTS, failed: 0 });
      for (const m of merchants) expect(cs.sandbox.control.countUploads(m.appId)).toBe(2);
      for (const item of interrupted) expect(db.select().from(batchItems).where(eq(batchItems.id, item.id)).get()).toMatchObject({ state: 'succeeded', appVersion: '1.0.1' });
    } finally {
      await second.stop();
    }
  }, 90_000);

  test('reconciliation runs as jobs of the worker: a change made on Alipay\'s own site is corrected without anyone opening a page', async () => {
    const m = merchants[1];
    const { merchantAppId } = appRows.get(m.appId)!;
    const row = db.select().from(miniAppVersions).where(eq(miniAppVersions.merchantAppId, merchantAppId)).all()[0];
    // The console believes the version is in audit; on the platform it was never submitted (or was withdrawn there).
    db.update(miniAppVersions).set({ status: 'AUDITING' }).where(eq(miniAppVersions.id, row.id)).run();
    const reconciled: number[] = [];
    const w = withPasses(
      worker({
        reconcile: async (id, client) => {
          reconciled.push(id);
          const app = db.select().from(merchantApps).where(eq(merchantApps.id, id)).get()!;
          const merchant = db.select().from(merchantsTable).where(eq(merchantsTable.id, app.merchantId)).get()!;
          await reconcileMiniApp({ db, client, now: () => new Date(), operable: () => ({ app, merchant, appAuthToken: tokens.get(app.authAppId)!.appAuthToken }) }, id);
        },
      }),
      { reconcileDue: () => miniAppsToReconcile(db) },
    );
    try {
      await waitFor(() => (db.select().from(miniAppVersions).where(eq(miniAppVersions.id, row.id)).get()?.status === 'INIT' ? true : undefined), 'reconciled', 20_000);
      expect(reconciled).toContain(merchantAppId);
      // Once true again the mini-program is not read on every pass.
      expect(miniAppsToReconcile(db)).not.toContain(merchantAppId);
    } finally {
      await w.stop();
    }
  }, 60_000);
});
