// A backup taken while a batch runs (worker, queue and sandbox all writing) restores into a fresh DATA_DIR, and the
// restored console opens (migrations, its own secrets), lists every merchant and decrypts every token.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openConsoleDb } from '@/db';
import { merchantApps, merchants as merchantsTable } from '@/db/schema';
import { openToken, tokenContext } from '@/lib/authorization/tokens';
import { pruneBackups, restoreBackup, RestoreRefused, takeBackup } from '@/lib/backup/backup';
import { findBatch, listItems } from '@/lib/batches/data';
import type { PreflightSubject } from '@/lib/batches/preflight';
import { startBatch } from '@/lib/batches/service';
import { staticTokenSource, type OpenedApp } from '@/lib/batches/token-source';
import { parseConfig } from '@/lib/config';
import { createTokenCipher } from '@/lib/crypto/token-cipher';
import { insertMerchant } from '@/lib/merchants/data';
import { createBatchWorker } from '@/lib/jobs/batch-worker';
import { runScheduledBackup } from '@/lib/jobs/backup-schedule';
import { startContractSandbox, TEMPLATE_ID, waitFor, type ContractSandbox, type Merchant } from '../contract/harness';

const MERCHANTS = 30;
let cs: ContractSandbox;
let work: string;
const merchants: Merchant[] = [];

beforeAll(async () => {
  cs = await startContractSandbox({ buildDurationMs: 150 });
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'tinyapp-backup-test-'));
  for (let i = 0; i < MERCHANTS; i++) merchants.push(await cs.newMerchant());
}, 120_000);

afterAll(async () => {
  await cs?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

describe('backup and restore', () => {
  test('a backup taken during a running batch restores into a fresh DATA_DIR that opens, lists and decrypts everything', async () => {
    const dataDir = cs.dataDir;
    const config = parseConfig({ DATA_DIR: dataDir });
    const cipher = createTokenCipher(config.tokenEncryptionKey);
    const { db, sqlite } = openConsoleDb(path.join(dataDir, 'console.db'));
    const subjects: PreflightSubject[] = [];
    for (const [i, m] of merchants.entries()) {
      const merchant = insertMerchant(db, { name: `备份商家${i}`, contactName: '王经理', mobile: `137${String(i).padStart(8, '0')}`, industry: 'retail', authStatus: 'authorized' });
      const app = db
        .insert(merchantApps)
        .values({
          merchantId: merchant.id,
          authAppId: m.appId,
          appName: m.appName,
          status: 'authorized',
          authorizedAt: new Date(),
          appAuthTokenEnc: cipher.encrypt(m.appAuthToken, tokenContext(m.appId, 'app_auth_token')),
          appRefreshTokenEnc: cipher.encrypt(m.appRefreshToken, tokenContext(m.appId, 'app_refresh_token')),
        })
        .returning()
        .get();
      subjects.push({ merchantId: merchant.id, merchantAppId: app.id, authAppId: m.appId, merchantName: merchant.name, merchantPhone: '13800001111', appName: m.appName, blocked: null, busy: false, versions: [] });
    }
    const tokens = new Map<string, OpenedApp>(merchants.map((m) => [m.appId, { appAuthToken: m.appAuthToken, subject: { merchant: { name: m.appName, phone: '13800001111' }, miniApp: { appId: m.appId } } }]));
    cs.sandbox.control.setFaults([{ method: '*', latencyMs: 40 }]);
    const started = startBatch(db, { id: null, email: 'ops@example.com' }, 'instantiate', { templateId: TEMPLATE_ID, ext: '{"extEnable":true}' }, subjects);
    if (!started.ok) throw new Error(JSON.stringify(started));
    const batchId = started.batch.id;
    const worker = createBatchWorker({
      db,
      queueFile: path.join(dataDir, 'queue.db'),
      client: cs.client,
      tokens: staticTokenSource(tokens),
      concurrency: 4,
      rps: 200,
      buildPollMs: 50,
      sweepMs: 50,
    });
    let backup;
    try {
      // Mid-run: some merchants done, the rest still moving.
      await waitFor(() => (listItems(db, batchId).filter((i) => i.state === 'succeeded').length >= 5 ? true : undefined), 'first items', 60_000);
      backup = await takeBackup({ dataDir, backupDir: path.join(work, 'backups'), secretsDir: path.join(work, 'backup-secrets') });
      expect(findBatch(db, batchId)?.status).toBe('running');
      await waitFor(() => (findBatch(db, batchId)?.status === 'finished' ? true : undefined), 'batch end', 90_000);
    } finally {
      await worker.stop();
      cs.sandbox.control.setFaults([]);
    }
    expect(backup.manifest.databases.map((d) => d.file).sort()).toEqual(['console.db', 'queue.db', 'sandbox.db']);
    expect(backup.manifest.secrets.dirs.sort()).toEqual(['sandbox', 'secrets']);
    // The secrets are not in the data copy: it alone cannot decrypt anything.
    expect(fs.existsSync(path.join(backup.dir, 'secrets'))).toBe(false);
    expect(fs.readFileSync(path.join(backup.secretsDir!, 'secrets', 'token-key'), 'utf8').trim()).toBe(config.tokenEncryptionKey.toString('hex'));

    // A restore never lands on a live (or any non-empty) DATA_DIR.
    expect(() => restoreBackup({ from: backup.dir, dataDir })).toThrow(RestoreRefused);
    const restored = path.join(work, 'restored');
    const done = restoreBackup({ from: backup.dir, dataDir: restored });
    expect(done.databases.sort()).toEqual(['console.db', 'queue.db', 'sandbox.db']);
    for (const f of ['console.db', 'queue.db', 'sandbox.db', 'secrets/token-key']) expect(fs.statSync(path.join(restored, f)).mode & 0o077, f).toBe(0);

    // The restored console: its own configuration (secrets found, none generated), migrations, every merchant, every token.
    const restoredConfig = parseConfig({ DATA_DIR: restored });
    expect(restoredConfig.tokenEncryptionKey.equals(config.tokenEncryptionKey)).toBe(true);
    expect(restoredConfig.authSecret).toBe(config.authSecret);
    const copy = openConsoleDb(path.join(restored, 'console.db'));
    try {
      expect(copy.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      const rows = copy.db.select().from(merchantsTable).all();
      expect(rows).toHaveLength(MERCHANTS);
      const restoredCipher = createTokenCipher(restoredConfig.tokenEncryptionKey);
      for (const m of merchants) {
        const app = copy.db.select().from(merchantApps).where(eq(merchantApps.authAppId, m.appId)).get()!;
        expect(openToken(restoredCipher, app, 'app_auth_token')).toBe(m.appAuthToken);
        expect(openToken(restoredCipher, app, 'app_refresh_token')).toBe(m.appRefreshToken);
      }
      // The batch is there, mid-run as it was, with all its items: the worker would resume it.
      const items = listItems(copy.db, batchId);
      expect(items).toHaveLength(MERCHANTS);
      expect(items.some((i) => i.state === 'succeeded')).toBe(true);
      expect(findBatch(copy.db, batchId)?.status).toBe('running');
    } finally {
      copy.sqlite.close();
    }
    const sandboxCopy = new Database(path.join(restored, 'sandbox.db'), { readonly: true });
    expect(sandboxCopy.pragma('integrity_check', { simple: true })).toBe('ok');
    sandboxCopy.close();
    sqlite.close();
  }, 240_000);

  test('the scheduled backup runs once per slot across processes and keeps the newest N', async () => {
    const backupDir = path.join(work, 'scheduled');
    const secretsDir = path.join(work, 'scheduled-secrets');
    const s = { dataDir: cs.dataDir, backupDir, secretsDir, keep: 2, log: () => {} };
    const day = (n: number) => new Date(Date.UTC(2026, 0, n, 3, 30));
    // Two processes firing at the same moment: one takes it.
    const [a, b] = await Promise.all([runScheduledBackup(s, day(1)), runScheduledBackup(s, day(1))]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
    await runScheduledBackup(s, day(2));
    await runScheduledBackup(s, day(3));
    const kept = fs.readdirSync(backupDir).filter((n) => !n.startsWith('.')).sort();
    expect(kept).toEqual(['scheduled-20260102T033000Z', 'scheduled-20260103T033000Z']);
    expect(fs.readdirSync(secretsDir).filter((n) => !n.startsWith('.')).sort()).toEqual(kept);
    expect(pruneBackups({ backupDir, secretsDir, keep: 2 })).toEqual([]);
  }, 60_000);
});
