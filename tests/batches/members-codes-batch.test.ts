// The member and page-code batches run by the real worker against a served sandbox: they go through the same
// services as the Members and Codes tabs, so the console's records (member notes, code history) follow.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '@/db';
import { memberNotes, merchantApps, pageCodes } from '@/db/schema';
import { findBatch, listItems } from '@/lib/batches/data';
import type { PreflightSubject } from '@/lib/batches/preflight';
import { startBatch } from '@/lib/batches/service';
import { staticTokenSource, type OpenedApp } from '@/lib/batches/token-source';
import { listBatchCodeEntries } from '@/lib/codes/data';
import { zipCodes } from '@/lib/codes/images';
import { insertMerchant } from '@/lib/merchants/data';
import { createBatchWorker, type BatchWorker } from '@/lib/jobs/batch-worker';
import { memoryDb } from '@/lib/testing/memory-db';
import { onlineVersion } from '../contract/flows';
import { startContractSandbox, waitFor, type ContractSandbox, type Merchant } from '../contract/harness';

let cs: ContractSandbox;
let db: Db;
let queueDir: string;
let merchants: Merchant[];
let worker: BatchWorker;
const rows = new Map<string, { merchantId: number; merchantAppId: number }>();

const subjects = (): PreflightSubject[] =>
  merchants.map((m) => ({ ...rows.get(m.appId)!, authAppId: m.appId, merchantName: `商户${m.appName}`, merchantPhone: '13800001111', appName: m.appName, blocked: null, busy: false, versions: [] }));

async function run(operation: 'addMember' | 'removeMember' | 'pageCode', params: Record<string, unknown>) {
  const r = startBatch(db, { id: null, email: 'ops@example.com' }, operation, params, subjects());
  if (!r.ok) throw new Error(JSON.stringify(r));
  const id = r.batch.id;
  await waitFor(() => (findBatch(db, id)?.status === 'finished' ? true : undefined), `batch ${id}`, 30_000);
  return { id, items: listItems(db, id) };
}

beforeAll(async () => {
  cs = await startContractSandbox({ buildDurationMs: 30 });
  db = memoryDb();
  queueDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mc-batch-queue-'));
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

describe('member batches share the Members tab’s service', () => {
  test('adding records a note per mini-program under the batch; removing deletes it', async () => {
    const person = cs.sandbox.control.createMerchantAccount({ name: '体验员小吴' });
    const added = await run('addMember', { logonId: person.logonId, role: 'EXPERIENCER' });
    expect(added.items.map((i) => i.state)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    const invited = cs.sandbox.control.listInvitations().filter((i) => i.userId === person.userId);
    expect(invited.map((i) => i.status)).toEqual(['INVITED', 'INVITED', 'INVITED']);
    const notes = db.select().from(memberNotes).all();
    expect(notes).toHaveLength(3);
    expect(notes.every((n) => n.batchId === added.id && n.logonId === person.logonId && n.role === 'EXPERIENCER')).toBe(true);

    // The notes are linked to the platform's user id once a list is read; the batch removes by user id.
    db.update(memberNotes).set({ userId: person.userId }).run();
    const removed = await run('removeMember', { userId: person.userId, role: 'EXPERIENCER' });
    expect(removed.items.map((i) => i.state)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(cs.sandbox.control.listInvitations().filter((i) => i.userId === person.userId)).toEqual([]);
    expect(db.select().from(memberNotes).all()).toEqual([]);
  }, 40_000);
});

describe('page-code batch', () => {
  test('generates the same code for each online mini-program, refuses the one with nothing online, and zips by merchant', async () => {
    await onlineVersion(cs.client, merchants[0].scope, '1.0.0');
    await onlineVersion(cs.client, merchants[1].scope, '1.0.0');
    const { id, items } = await run('pageCode', { urlParam: 'pages/index/index', queryParam: 'from=poster', describe: '海报码', size: 'm', color: '' });
    const byApp = new Map(items.map((i) => [i.authAppId, i]));
    expect(byApp.get(merchants[0].appId)?.state).toBe('succeeded');
    expect(byApp.get(merchants[1].appId)?.state).toBe('succeeded');
    expect(byApp.get(merchants[2].appId)).toMatchObject({ state: 'failed', subCode: 'NO_ONLINE_VERSION' });

    const history = db.select().from(pageCodes).all();
    expect(history.map((c) => [c.merchantAppId, c.batchId, c.describe, c.actorEmail])).toEqual(
      [merchants[0], merchants[1]].map((m) => [rows.get(m.appId)!.merchantAppId, id, '海报码', 'ops@example.com']),
    );
    // The platform drew codes of the page and query it was sent.
    expect(new URL(history[0].qrCodeUrl).searchParams.get('text')).toBe(`alipays://platformapi/startapp?appId=${merchants[0].appId}&page=pages/index/index&query=from%3Dposter`);

    const served = (url: string) => url.replace('http://sandbox.test', cs.url);
    const zip = await zipCodes(listBatchCodeEntries(db, id), async (url) => {
      const res = await fetch(served(url));
      return { bytes: Buffer.from(await res.arrayBuffer()), type: res.headers.get('content-type') ?? '' };
    });
    const files = Object.keys((await JSZip.loadAsync(zip)).files).filter((f) => !f.endsWith('/'));
    expect(files.sort()).toEqual(
      [merchants[0], merchants[1]].flatMap((m) => ['square', 'white', 'blue'].map((k) => `商户${m.appName}_${m.appId}/海报码-${k}.png`)).sort(),
    );
  }, 60_000);
});
