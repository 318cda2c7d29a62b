// Runs once when a server process starts: migrate, make sure an owner can sign in, start background work.
import 'server-only';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { getDb } from '@/db';
import { ConfigError, getConfig } from '@/lib/config';
import { hashPassword } from '@/lib/auth/password';
import { countOwners, findUserByEmail, insertUser } from '@/lib/staff/data';

export const DEMO_OWNER_EMAIL = 'owner@demo.tinyapp';

export interface DemoCredentials {
  email: string;
  password: string;
}

function demoFile(): string {
  return path.join(getConfig().dataDir, 'secrets', 'demo-owner.json');
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/**
 * The demo owner's credentials, shown on the sign-in page in sandbox mode only, and only while the server listens on
 * loopback (the default there): once HOST opens it to a network, the password is in the server log alone.
 */
export function readDemoCredentials(): DemoCredentials | null {
  return LOOPBACK.has(getConfig().host) ? readDemoFile() : null;
}

function readDemoFile(): DemoCredentials | null {
  if (getConfig().alipayMode !== 'sandbox') return null;
  try {
    return JSON.parse(fs.readFileSync(demoFile(), 'utf8')) as DemoCredentials;
  } catch {
    return null;
  }
}

/** Called when an owner changes the demo owner's password, so the sign-in page stops showing a stale one. */
export function forgetDemoCredentials(email: string): void {
  const demo = readDemoFile();
  if (demo && demo.email === email) fs.rmSync(demoFile(), { force: true });
}

export async function ensureOwner(): Promise<{ created?: DemoCredentials | { email: string } }> {
  const config = getConfig();
  const db = getDb();
  if (config.admin) {
    if (!findUserByEmail(db, config.admin.email)) {
      insertUser(db, {
        email: config.admin.email,
        name: config.admin.email.split('@')[0],
        role: 'owner',
        passwordHash: await hashPassword(config.admin.password),
      });
      return { created: { email: config.admin.email } };
    }
    return {};
  }
  if (countOwners(db, { activeOnly: false }) > 0) return {};
  if (config.alipayMode === 'production') {
    throw new ConfigError(
      'No owner account exists. Set ADMIN_EMAIL and ADMIN_PASSWORD to create the first owner (ALIPAY_MODE=production).',
    );
  }
  const demo: DemoCredentials = { email: DEMO_OWNER_EMAIL, password: `demo-${crypto.randomBytes(6).toString('hex')}` };
  insertUser(db, { email: demo.email, name: '演示所有者', role: 'owner', passwordHash: await hashPassword(demo.password) });
  fs.mkdirSync(path.dirname(demoFile()), { recursive: true, mode: 0o700 });
  fs.writeFileSync(demoFile(), JSON.stringify(demo), { mode: 0o600 });
  return { created: demo };
}

export interface BootstrapHooks {
  /**
   * Starts the embedded sandbox (sandbox mode): passed in by the process's entry point, because the console itself
   * never imports the sandbox. It runs before any background work, which may call Alipay at once.
   */
  startSandbox?: () => Promise<void>;
}

export async function bootstrap(hooks: BootstrapHooks = {}): Promise<void> {
  const config = getConfig();
  const { created } = await ensureOwner();
  const demo = readDemoFile();
  console.log(`[tinyapp] data directory: ${config.dataDir}`);
  console.log(`[tinyapp] Alipay mode: ${config.alipayMode} (gateway ${config.alipay.gateway})`);
  if (created && 'password' in created) {
    // A brand-new sandbox install: give the demo something to show (merchant records only; no authorizations).
    const { seedMerchants } = await import('@/lib/merchants/seed');
    const { demo: seeded } = seedMerchants(getDb());
    console.log(`[tinyapp] created demo owner ${created.email} and ${seeded} demo merchants`);
  }
  if (demo) console.log(`[tinyapp] sandbox demo owner: ${demo.email} / ${demo.password}`);
  else if (created) console.log(`[tinyapp] created owner ${created.email} from ADMIN_EMAIL`);
  if (config.alipayMode === 'sandbox') await hooks.startSandbox?.();
  await startBackgroundWork();
}

/**
 * The handlers for platform messages that arrive at this server, and the worker, which runs the batch queue and every
 * scheduled job (lib/jobs/schedule.ts): only the process holding the worker lease works.
 */
async function startBackgroundWork(): Promise<void> {
  (await import('@/lib/authorization/notifications')).registerAuthorizationNotificationHandlers();
  // Audit messages arrive at the server; reconciliation itself runs in the worker.
  (await import('@/lib/versions/notifications')).registerVersionNotificationHandlers();
  await import('@/lib/jobs/batch-worker').then((m) => m.startBatchWorker());
}
