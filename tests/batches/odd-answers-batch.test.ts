// A batch over mini-programs whose platform answers are odd (contract §7 "odd answers", §8 tolerance): an unknown
// version status, a dropped optional field and an unknown extra field. The batch finishes, the unknown status is
// kept raw in the console's records and no action that depends on it is taken.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '@/db';
import { merchantApps } from '@/db/schema';
import { miniAppVersions } from '@/db/schema-versions';
import { findBatch, listItems } from '@/lib/batches/data';
import type { PreflightSubject } from '@/lib/batches/preflight';
import { startBatch } from '@/lib/batches/service';
import { staticTokenSource, type OpenedApp } from '@/lib/batches/token-source';
import { insertMerchant } from '@/lib/merchants/data';
import { createBatchWorker, type BatchWorker } from '@/lib/jobs/batch-worker';
import { memoryDb } from '@/lib/testing/memory-db';
import { passedVersion } from '../contract/flows';
import { startContractSandbox, waitFor, type ContractSandbox, type Merchant } from '../contract/harness';

let cs: ContractSandbox;
let db: Db;
let queueDir: string;
let merchants: Merchant[];
let worker: BatchWorker;
const rows = new Map<string, { merchantId: number; merchantAppId: number }>();

const subjects = (): PreflightSubject[] =>
  merchants.map((m) => ({ ...rows.get(m.appId)!, authAppId: m.appId, merchantName: `商户${m.appName}`, merchantPhone: '13800001111', appName: m.appName, blocked: null, busy: false, versions: [passed] }));
/** What the console knew before the batch: a passed version (the batch itself re-reads the platform). */
const passed = { appVersion: '1.0.0', status: 'WAIT_RELEASE' as const, buildStatus: 'success' as const, experience: 'none' as const, grayStrategy: null, canRelease: false, onlineByRollback: false };

async function run(operation: 'online' | 'gray', params: Record<string, unknown>) {
  const r = startBatch(db, { id: null, email: 'ops@example.com' }, operation, params, subjects());
  if (!r.ok) throw new Error(JSON.stringify(r));
  const id = r.batch.id;
  await waitFor(() => (findBatch(db, id)?.status === 'finished' ? true : undefined), `batch ${id}`, 30_000);
  return { id, items: listItems(db, id) };
}

beforeAll(async () => {
  cs = await startContractSandbox({ buildDurationMs: 30 });
  db = memoryDb();
  queueDir = fs.mkdtempSync(path.join(os.tmpdir(), 'odd-batch-queue-'));
  merchants = [await cs.newMerchant(), await cs.newMerchant(), await cs.newMerchant()];
  for (const [i, m] of merchants.entries()) {
    const merchant = insertMerchant(db, { name: `商户${m.appName}`, contactName: '王经理', mobile: `137${String(i).padStart(8, '0')}`, industry: 'retail', authStatus: 'authorized' });
    const app = db.insert(merchantApps).values({ merchantId: merchant.id, authAppId: m.appId, appName: m.appName, status: 'authorized', authorizedAt: new Date() }).returning().get();
    rows.set(m.appId, { merchantId: merchant.id, merchantAppId: app.id });
  }
  const tokens = new Map<string, OpenedApp>(merchants.map((m) => [m.appId, { appAuthToken: m.appAuthToken, subject: { merchant: { name: m.appName, phone: '1' }, miniApp: { appId: m.appId } } }]));
  worker = createBatchWorker({
    db,
    queueFile: path.join(queueDir, 'queue.db'),
    client: cs.client,
    tokens: staticTokenSource(tokens),
    concurrency: 4,
    rps: 500,
    buildPollMs: 30,
    retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 50 },
    sweepMs: 30,
  });
}, 60_000);

afterAll(async () => {
  await worker?.stop();
  await cs?.close();
  fs.rmSync(queueDir, { recursive: true, force: true });
});

describe('a batch over odd answers', () => {
  test('online over mini-programs whose status comes back unknown: finishes, keeps the raw value, takes no action', async () => {
    cs.sandbox.control.updateSettings({ grayOptional: true });
    for (const m of merchants) await passedVersion(cs.client, m.scope, '1.0.0');
    // Every list and detail answer is odd: the version's status becomes PROMOTE_AUDIT_REJECT, unknown to the console.
    cs.sandbox.control.setFaults([
      { method: 'alipay.open.mini.version.list.query', oddAnswers: true },
      { method: 'alipay.open.mini.version.detail.query', oddAnswers: true },
    ]);
    try {
      const { id, items } = await run('online', { permitRegistrationLimitRelease: false });
      expect(findBatch(db, id)?.status).toBe('finished');
      // Each item ended (no crash, no item left running), none went online on an unknown status.
      expect(items.map((i) => i.state)).toEqual(['failed', 'failed', 'failed']);
      for (const item of items) expect(item.subCode).toBe('NO_TARGET_VERSION');
      for (const m of merchants) {
        const row = db.select().from(miniAppVersions).where(eq(miniAppVersions.merchantAppId, rows.get(m.appId)!.merchantAppId)).get();
        expect(row?.status).toBe('PROMOTE_AUDIT_REJECT');
        // The platform's own record: still waiting for release, nothing was sent.
        expect(cs.sandbox.control.listVersions(m.appId)[0].status).toBe('WAIT_RELEASE');
      }
    } finally {
      cs.sandbox.control.setFaults([]);
    }
  }, 60_000);

  test('the same batch once the answers are ordinary again puts them online', async () => {
    const { items } = await run('online', { permitRegistrationLimitRelease: false });
    expect(items.map((i) => i.state)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    for (const m of merchants) expect(cs.sandbox.control.listVersions(m.appId)[0].status).toBe('RELEASE');
  }, 60_000);
});
