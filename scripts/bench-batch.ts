// `npm run bench:batch [-- --merchants 1000 --latency 100 --concurrency 8 --rps 20 --faults | --chain]`: seeds
// merchants authorized in a sandbox (served here over HTTP, with latency injected), runs batches on the real worker
// (`scripts/worker.ts` as a child process) and compares the wall time with the limit: the larger of
// calls × latency ÷ concurrency and calls ÷ the requests-per-second limit. The settings default to what a user gets
// (BATCH_CONCURRENCY, BATCH_RPS or their defaults).
// `--faults` adds 5% transient errors and kills the worker with SIGKILL once mid-run, then counts from the
// sandbox's own records that no merchant was lost or uploaded twice.
// `--chain` runs the whole fleet path through batches only — instantiate → submit for audit (the reviewer passes) →
// gray 10% → online — over N merchants (default 200), prints each stage, and counts the mini-programs whose console
// record disagrees with the sandbox's at the end (must be 0).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    merchants: { type: 'string' },
    latency: { type: 'string', default: '100' },
    concurrency: { type: 'string', default: process.env.BATCH_CONCURRENCY ?? '8' },
    rps: { type: 'string' },
    'build-ms': { type: 'string', default: '300' },
    faults: { type: 'boolean', default: false },
    chain: { type: 'boolean', default: false },
    /** Write a CPU profile of the worker into this directory (open it in Chrome DevTools). */
    'profile-worker': { type: 'string' },
  },
});

const CHAIN = args.chain;
const N = Number(args.merchants ?? (CHAIN ? 200 : 1000));
const LATENCY = Number(args.latency);
const CONCURRENCY = Number(args.concurrency);
// What a user gets unless told otherwise (lib/batches/settings: BATCH_RPS, default 20).
const RPS = Number(args.rps ?? process.env.BATCH_RPS ?? 20);
const BUILD_MS = Number(args['build-ms']);
const FAULTS = args.faults;

/** The fastest a batch of `calls` can go: bound by the calls in flight, or by the rate limit, whichever binds. */
function limitOf(calls: number): { ms: number; bound: string } {
  const byConcurrency = (calls * LATENCY) / CONCURRENCY;
  const byRate = (calls * 1000) / RPS;
  return byRate > byConcurrency ? { ms: byRate, bound: 'calls ÷ rps' } : { ms: byConcurrency, bound: 'calls × latency ÷ concurrency' };
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tinyapp-bench-'));
process.env.DATA_DIR = dataDir;
process.env.ALIPAY_MODE = 'sandbox';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function peakRssKb(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** CPU seconds (user + system) the process has used so far, from /proc (0 when unreadable). */
function cpuSeconds(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

async function main(): Promise<void> {
  const { createSandbox } = await import('@/lib/sandbox');
  const { serveSandbox } = await import('@/lib/sandbox/testing/serve');
  const sandbox = createSandbox({ dataDir, appUrl: 'http://127.0.0.1:9', buildDurationMs: BUILD_MS, reviewDelayMs: CHAIN ? 500 : 60_000 });
  // Nothing listens for messages here: the console learns audit results by reconciliation, as when messages are lost.
  sandbox.control.updateSettings({ messageDelivery: 'off' });
  const served = await serveSandbox(sandbox);
  process.env.APP_URL = served.url;

  const { openConsoleDb } = await import('@/db');
  const { merchantApps } = await import('@/db/schema');
  const { exchangeAuthCode } = await import('@/lib/alipay/auth');
  const { createAlipayClient } = await import('@/lib/alipay/client');
  const { loadAlipaySettings } = await import('@/lib/alipay/settings');
  const { getConfig } = await import('@/lib/config');
  const { getTokenCipher, sealIssuedToken } = await import('@/lib/authorization/tokens');
  const { insertMerchant } = await import('@/lib/merchants/data');
  const { findBatch, listItems } = await import('@/lib/batches/data');
  const { startBatch } = await import('@/lib/batches/service');
  const { loadSubjects } = await import('@/lib/batches/subjects');

  const { db, sqlite } = openConsoleDb(path.join(dataDir, 'console.db'));
  const client = createAlipayClient(loadAlipaySettings(getConfig()));
  const cipher = getTokenCipher();

  console.log(`seeding ${N} authorized merchants…`);
  const appIds: number[] = [];
  for (let i = 0; i < N; i++) {
    const name = `青禾${String(i).padStart(4, '0')}`;
    const account = sandbox.control.createMerchantAccount({ miniApps: [{ name }] });
    const appId = account.miniApps[0].appId;
    const { appAuthCode } = sandbox.control.authorize({ userId: account.userId, appIds: [appId], redirectUri: 'http://console.test/cb' });
    const [token] = (await exchangeAuthCode({ code: appAuthCode }, client)).tokens;
    const merchant = insertMerchant(db, { name: `基准商户${i}`, contactName: '王经理', mobile: `139${String(i).padStart(8, '0')}`, industry: 'retail', authStatus: 'authorized' });
    const now = new Date();
    const app = db
      .insert(merchantApps)
      .values({ merchantId: merchant.id, authAppId: appId, userId: account.userId, appName: name, status: 'authorized', authorizedAt: now, ...sealIssuedToken(cipher, token, now) })
      .returning()
      .get();
    appIds.push(app.id);
  }

  sandbox.control.setFaults([{ method: '*', latencyMs: LATENCY, errorRate: FAULTS ? 0.05 : 0 }]);
  const workerEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    APP_URL: served.url,
    BATCH_CONCURRENCY: String(CONCURRENCY),
    BATCH_RPS: String(RPS),
    BATCH_BUILD_POLL_MS: String(Math.max(50, Math.round(BUILD_MS / 2))),
    RECONCILE_INTERVAL_MS: CHAIN ? '2000' : (process.env.RECONCILE_INTERVAL_MS ?? '30000'),
  };
  let peakWorkerKb = 0;
  // CPU of worker processes that have exited (a killed one's last reading), plus the current one's.
  let workerCpuDone = 0;
  let workerCpuLast = 0;
  const spawnWorker = async (): Promise<ChildProcess> => {
    const profile = args['profile-worker'] ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(args['profile-worker'])}`] : [];
    const child = spawn(process.execPath, [...profile, '--conditions=react-server', '--import', 'tsx', 'scripts/worker.ts'], { env: workerEnv, stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('batch worker')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`worker exited with ${code}`)));
    });
    return child;
  };

  let worker = await spawnWorker();
  if (CHAIN) {
    await runChain({ sandbox, db, appIds, worker, sample: () => {
      peakWorkerKb = Math.max(peakWorkerKb, peakRssKb(worker.pid));
    } });
    worker.kill('SIGTERM');
    await new Promise((r) => worker.once('exit', r));
    console.log(`${'peak memory worker'.padEnd(22)} ${(peakWorkerKb / 1024).toFixed(0)} MB`);
    sqlite.close();
    await served.close();
    sandbox.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    process.exit(process.exitCode ?? 0);
  }
  const firstRequest = sandbox.control.listRequests(1)[0]?.id ?? 0;
  const outcome = startBatch(db, { id: null, email: 'bench@tinyapp' }, 'instantiate', { templateId: '2021004100000001', ext: '{"extEnable":true,"ext":{"shopName":"{{merchant.name}}","tel":"{{merchant.phone}}","appId":"{{miniApp.appId}}"}}' }, loadSubjects(db, appIds));
  if (!outcome.ok) throw new Error(`batch refused: ${JSON.stringify(outcome).slice(0, 300)}`);
  const batchId = outcome.batch.id;
  const started = performance.now();
  let killed = false;

  for (;;) {
    await sleep(100);
    peakWorkerKb = Math.max(peakWorkerKb, peakRssKb(worker.pid));
    workerCpuLast = cpuSeconds(worker.pid) || workerCpuLast;
    const b = findBatch(db, batchId)!;
    if (b.status === 'finished') break;
    if (FAULTS && !killed && b.succeeded + b.failed >= N * 0.4) {
      worker.kill('SIGKILL');
      await new Promise((r) => worker.once('exit', r));
      killed = true;
      workerCpuDone += workerCpuLast;
      workerCpuLast = 0;
      console.log(`worker killed (SIGKILL) at ${b.succeeded + b.failed}/${N} done; restarting`);
      worker = await spawnWorker();
    }
  }
  const wallMs = performance.now() - started;
  const workerCpu = workerCpuDone + (cpuSeconds(worker.pid) || workerCpuLast);
  const benchCpu = process.cpuUsage();
  const calls = (sandbox.control.listRequests(1)[0]?.id ?? 0) - firstRequest;
  worker.kill('SIGTERM');
  await new Promise((r) => worker.once('exit', r));

  const answered = sandbox.control.listRequests(calls).filter((r) => r.id > firstRequest);
  const platformMs = answered.reduce((sum, r) => sum + r.latencyMs, 0);
  const items = listItems(db, batchId);
  let lost = 0;
  let duplicates = 0;
  for (const item of items) {
    const uploads = sandbox.control.countUploads(item.authAppId);
    duplicates += Math.max(0, uploads - 1);
    const onPlatform = sandbox.control.listVersions(item.authAppId).some((v) => v.appVersion === item.appVersion);
    if (!['succeeded', 'failed'].includes(item.state) || (item.state === 'succeeded' && !onPlatform)) lost += 1;
  }
  const batch = findBatch(db, batchId)!;
  const limit = limitOf(calls);
  const limitMs = limit.ms;
  const row = (k: string, v: string | number) => console.log(`${k.padEnd(22)} ${v}`);
  console.log('');
  row('mode', FAULTS ? 'faults (5% transient errors, one SIGKILL of the worker)' : 'no faults');
  row('merchants', N);
  row('succeeded / failed', `${batch.succeeded} / ${batch.failed}`);
  row('calls', calls);
  row('latency', `${LATENCY} ms`);
  row('concurrency', CONCURRENCY);
  row('rps limit', RPS);
  row('wall time', `${(wallMs / 1000).toFixed(1)} s`);
  row('limit', `${(limitMs / 1000).toFixed(1)} s  (${limit.bound}; concurrency alone: ${((calls * LATENCY) / CONCURRENCY / 1000).toFixed(1)} s, rate alone: ${(calls / RPS).toFixed(1)} s)`);
  row('ratio wall ÷ limit', (wallMs / limitMs).toFixed(2));
  // How long the sandbox took per call (injected latency + its own work), and how many calls were open on average.
  row('platform time', `${(platformMs / Math.max(answered.length, 1)).toFixed(1)} ms per call; ${(platformMs / wallMs).toFixed(2)} calls open on average`);
  row('worker CPU', `${workerCpu.toFixed(1)} s  (${((workerCpu * 1000) / calls).toFixed(1)} ms per call)`);
  row('sandbox CPU', `${((benchCpu.user + benchCpu.system) / 1e6).toFixed(1)} s  (this process: sandbox, seeding included)`);
  row('peak memory worker', `${(peakWorkerKb / 1024).toFixed(0)} MB`);
  row('peak memory bench', `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB  (sandbox + seeding)`);
  if (FAULTS) {
    row('lost', lost);
    row('duplicates', duplicates);
  }

  sqlite.close();
  await served.close();
  sandbox.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(lost || duplicates ? 1 : 0);
}

type Sandbox = ReturnType<(typeof import('@/lib/sandbox'))['createSandbox']>;

/** The fleet path through batches only; each stage waits for the console's own records, as a person's next batch would. */
async function runChain(c: { sandbox: Sandbox; db: import('@/db').Db; appIds: number[]; worker: ChildProcess; sample(): void }): Promise<void> {
  const { findBatch } = await import('@/lib/batches/data');
  const { startBatch } = await import('@/lib/batches/service');
  const { loadSubjects } = await import('@/lib/batches/subjects');
  const { listLiveVersions } = await import('@/lib/versions/data');
  const QRCode = (await import('qrcode')).default;
  const shot = (await QRCode.toBuffer('bench', { type: 'png', width: 120, margin: 1 })).toString('base64');
  const actor = { id: null, email: 'bench@tinyapp' };
  const lastRequest = () => c.sandbox.control.listRequests(1)[0]?.id ?? 0;
  const row = (k: string, v: string | number) => console.log(`${k.padEnd(22)} ${v}`);
  const statusOf = (id: number) => listLiveVersions(c.db, id)[0]?.status ?? null;

  async function until(what: string, done: () => boolean, timeoutMs = 30 * 60_000): Promise<number> {
    const t0 = performance.now();
    while (!done()) {
      if (performance.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
      c.sandbox.control.runDueWork();
      c.sample();
      await sleep(100);
    }
    return performance.now() - t0;
  }

  async function stage(name: string, operation: 'instantiate' | 'submitAudit' | 'gray' | 'online', params: unknown): Promise<void> {
    const before = lastRequest();
    const outcome = startBatch(c.db, actor, operation, params, loadSubjects(c.db, c.appIds));
    if (!outcome.ok) throw new Error(`${name} refused: ${JSON.stringify(outcome).slice(0, 400)}`);
    const skipped = outcome.rows.filter((r) => r.skip).length;
    const started = performance.now();
    await until(name, () => findBatch(c.db, outcome.batch.id)!.status === 'finished');
    const wall = performance.now() - started;
    const b = findBatch(c.db, outcome.batch.id)!;
    const calls = lastRequest() - before;
    const limit = limitOf(calls);
    console.log('');
    row('stage', name);
    row('executable / skipped', `${outcome.rows.length - skipped} / ${skipped}`);
    row('succeeded / failed', `${b.succeeded} / ${b.failed}`);
    row('calls', calls);
    row('wall time', `${(wall / 1000).toFixed(1)} s`);
    row('limit', `${(limit.ms / 1000).toFixed(1)} s  (${limit.bound})`);
    row('ratio wall ÷ limit', (wall / limit.ms).toFixed(2));
    if (b.failed || skipped) process.exitCode = 1;
  }

  const chainStart = performance.now();
  console.log(`chain over ${c.appIds.length} merchants: latency ${LATENCY} ms, concurrency ${CONCURRENCY}, rps ${RPS}`);
  await stage('instantiate', 'instantiate', { templateId: '2021004100000001', ext: '{"extEnable":true,"ext":{"shopName":"{{merchant.name}}","appId":"{{miniApp.appId}}"}}' });
  await stage('submit for audit', 'submitAudit', {
    audit: {
      versionDesc: '新增花束预订功能，优化首页加载速度与下单流程，修复已知问题',
      regionType: 'CHINA',
      contact: 'set',
      servicePhone: '0571-88886666',
      serviceEmail: '',
      appSlogan: '每天一束好花送到你身边',
      appDesc: '提供花束、绿植的在线预订与同城配送服务，支持预约送达时间',
      categoryIds: ['1002_100203'],
      screenshots: [
        { fileName: 'a.png', base64: shot },
        { fileName: 'b.png', base64: shot },
      ],
      autoOnline: false,
    },
  });
  const learnt = await until('audit results in the console', () => c.appIds.every((id) => statusOf(id) === 'WAIT_RELEASE'));
  console.log('');
  row('audit results learnt', `${(learnt / 1000).toFixed(1)} s after the batch (reconciliation in the worker; messages off)`);
  await stage('gray 10%', 'gray', { grayStrategy: 'p10' });
  await stage('online', 'online', {});

  // The console's records against the sandbox's own, mini-program by mini-program.
  let disagree = 0;
  let online = 0;
  for (const id of c.appIds) {
    const authAppId = (await import('@/lib/authorization/data')).findMerchantApp(c.db, id)!.authAppId;
    const platform = new Map(c.sandbox.control.listVersions(authAppId).map((v) => [v.appVersion, v.status as string]));
    const mine = listLiveVersions(c.db, id);
    const same = mine.length === platform.size && mine.every((v) => platform.get(v.appVersion) === v.status);
    if (!same) disagree += 1;
    if (platform.get(mine[0]?.appVersion ?? '') === 'RELEASE') online += 1;
  }
  console.log('');
  row('online (sandbox)', `${online} / ${c.appIds.length}`);
  row('records disagreeing', disagree);
  row('chain wall time', `${((performance.now() - chainStart) / 1000).toFixed(1)} s`);
  if (disagree || online !== c.appIds.length) process.exitCode = 1;
}

main().catch((e: unknown) => {
  console.error(e);
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(1);
});
