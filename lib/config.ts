// The console's configuration: parsed once from process.env with zod, failing fast with the variable's name.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { Cron } from 'croner';
import { z } from 'zod';

function isCron(expr: string): boolean {
  try {
    new Cron(expr, { paused: true }).stop();
    return true;
  } catch {
    return false;
  }
}

const envSchema = z.object({
  DATA_DIR: z.string().min(1).default('./data'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  APP_URL: z.url({ protocol: /^https?$/ }).optional(),
  AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  NEXTAUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  ALIPAY_MODE: z.enum(['sandbox', 'production']).default('sandbox'),
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  // Production Alipay settings (ignored in sandbox mode, where the sandbox's own identity is used).
  ALIPAY_APP_ID: z.string().regex(/^\d{16}$/, 'must be a 16-digit Alipay app id').optional(),
  ALIPAY_PRIVATE_KEY_FILE: z.string().optional(),
  ALIPAY_PUBLIC_KEY_FILE: z.string().optional(),
  ALIPAY_GATEWAY: z.url().default('https://openapi.alipay.com/gateway.do'),
  ALIPAY_OPENAUTH_URL: z.url().default('https://openauth.alipay.com'),
  ALIPAY_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
  TOKEN_ENCRYPTION_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters (32 bytes)')
    .optional(),
  AUTH_LINK_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(7),
  PROVIDER_NAME: z.string().trim().min(1).max(60, 'must be at most 60 characters').optional(),
  HOST: z.string().trim().min(1).max(255).optional(),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  SIGN_IN_ADDRESS_LIMIT: z.coerce.number().int().min(1).max(100_000).default(30),
  BACKUP_DIR: z.string().min(1).optional(),
  BACKUP_SECRETS_DIR: z.string().min(1).optional(),
  BACKUP_CRON: z
    .string()
    .trim()
    .min(1)
    .default('30 3 * * *')
    .refine((v) => v === 'off' || isCron(v), 'must be a cron expression (e.g. "30 3 * * *") or off'),
  BACKUP_KEEP: z.coerce.number().int().min(1).max(365).default(7),
});

export type AlipayMode = 'sandbox' | 'production';

export interface Config {
  dataDir: string;
  port: number;
  appUrl: string;
  authSecret: string;
  alipayMode: AlipayMode;
  admin: { email: string; password: string } | null;
  alipay: {
    appId?: string;
    privateKeyFile?: string;
    publicKeyFile?: string;
    gateway: string;
    openAuthUrl: string;
    timeoutMs: number;
  };
  tokenEncryptionKey: Buffer;
  authLinkTtlDays: number;
  /** How the provider is named to merchants on the public authorization pages. */
  providerName: string;
  /** The interface the server listens on (scripts/start.mjs); loopback by default in sandbox mode. */
  host: string;
  /** A session unused for this long ends (sliding; refreshed by the proxy on activity). */
  sessionIdleMs: number;
  /** Sign-in attempts allowed per client address within the lockout window. */
  signInAddressLimit: number;
  backup: {
    /** Where database copies go. */
    dir: string;
    /** Where copies of the secrets go: apart from the data, so that one stolen copy cannot read the tokens. */
    secretsDir: string;
    /** When the worker takes the daily backup (cron expression), or `off`. */
    cron: string | null;
    /** How many scheduled backups are kept. */
    keep: number;
  };
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * Where the embedded sandbox keeps the identity it issued to the console (contract §7): the ISV app id and key pairs.
 * The sandbox writes them; the console reads its app id, its private key and the platform's public key from here,
 * just as it reads ALIPAY_PRIVATE_KEY_FILE and ALIPAY_PUBLIC_KEY_FILE in production.
 */
export function sandboxIdentityFiles(dataDir: string) {
  const dir = path.join(path.resolve(dataDir), 'sandbox');
  return {
    dir,
    app: path.join(dir, 'isv-app.json'),
    isvPrivateKey: path.join(dir, 'isv-app-private-key.pem'),
    isvPublicKey: path.join(dir, 'isv-app-public-key.pem'),
    alipayPrivateKey: path.join(dir, 'alipay-private-key.pem'),
    alipayPublicKey: path.join(dir, 'alipay-public-key.pem'),
  };
}

/** Reads a secret kept under DATA_DIR, creating it (0600) on first use. Sandbox mode only. */
function persistedSecret(dataDir: string, name: string, make: () => string): string {
  const dir = path.join(dataDir, 'secrets');
  const file = path.join(dir, name);
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const value = make();
  try {
    fs.writeFileSync(file, value, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    // Another process created it first: use theirs.
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  return fs.readFileSync(file, 'utf8').trim();
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  const production = e.ALIPAY_MODE === 'production';
  const appUrl = (e.APP_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');

  if ((e.ADMIN_EMAIL && !e.ADMIN_PASSWORD) || (!e.ADMIN_EMAIL && e.ADMIN_PASSWORD)) {
    throw new ConfigError('Invalid configuration:\n  ADMIN_EMAIL and ADMIN_PASSWORD must be set together');
  }

  let authSecret = e.AUTH_SECRET ?? e.NEXTAUTH_SECRET;
  let tokenKeyHex = e.TOKEN_ENCRYPTION_KEY;
  if (production) {
    const missing: string[] = [];
    if (!authSecret) missing.push('AUTH_SECRET (or NEXTAUTH_SECRET)');
    if (!tokenKeyHex) missing.push('TOKEN_ENCRYPTION_KEY');
    if (!e.ALIPAY_APP_ID) missing.push('ALIPAY_APP_ID');
    if (!e.ALIPAY_PRIVATE_KEY_FILE) missing.push('ALIPAY_PRIVATE_KEY_FILE');
    if (!e.ALIPAY_PUBLIC_KEY_FILE) missing.push('ALIPAY_PUBLIC_KEY_FILE');
    if (missing.length) {
      throw new ConfigError(`Invalid configuration: ALIPAY_MODE=production needs:\n${missing.map((m) => `  ${m}`).join('\n')}`);
    }
    // Session cookies are only `Secure` over https; in production a session must never travel in the clear.
    if (!appUrl.startsWith('https://')) {
      throw new ConfigError('Invalid configuration:\n  APP_URL: must be an https:// URL when ALIPAY_MODE=production (session cookies are Secure only over https)');
    }
  } else {
    authSecret ??= persistedSecret(dataDir, 'auth-secret', () => crypto.randomBytes(32).toString('base64url'));
    tokenKeyHex ??= persistedSecret(dataDir, 'token-key', () => crypto.randomBytes(32).toString('hex'));
  }

  return {
    dataDir,
    port: e.PORT,
    appUrl,
    authSecret: authSecret!,
    alipayMode: e.ALIPAY_MODE,
    admin: e.ADMIN_EMAIL && e.ADMIN_PASSWORD ? { email: e.ADMIN_EMAIL.toLowerCase(), password: e.ADMIN_PASSWORD } : null,
    alipay: {
      appId: e.ALIPAY_APP_ID,
      privateKeyFile: e.ALIPAY_PRIVATE_KEY_FILE,
      publicKeyFile: e.ALIPAY_PUBLIC_KEY_FILE,
      gateway: production ? e.ALIPAY_GATEWAY : `${appUrl}/sandbox/gateway.do`,
      openAuthUrl: production ? e.ALIPAY_OPENAUTH_URL : `${appUrl}/sandbox/openauth`,
      timeoutMs: e.ALIPAY_TIMEOUT_MS,
    },
    tokenEncryptionKey: Buffer.from(tokenKeyHex!, 'hex'),
    authLinkTtlDays: e.AUTH_LINK_TTL_DAYS,
    providerName: e.PROVIDER_NAME ?? (production ? 'Tinyapp 服务商' : 'Tinyapp 演示服务商'),
    // The sandbox shows a demo owner's password and plays Alipay: nobody else on the network should reach it.
    host: e.HOST ?? (production ? '0.0.0.0' : '127.0.0.1'),
    sessionIdleMs: e.SESSION_IDLE_MINUTES * 60_000,
    signInAddressLimit: e.SIGN_IN_ADDRESS_LIMIT,
    backup: {
      dir: path.resolve(e.BACKUP_DIR ?? './backups'),
      secretsDir: path.resolve(e.BACKUP_SECRETS_DIR ?? './backups-secrets'),
      cron: e.BACKUP_CRON === 'off' ? null : e.BACKUP_CRON,
      keep: e.BACKUP_KEEP,
    },
  };
}

let cached: Config | undefined;

/** The process-wide configuration, parsed on first use. */
export function getConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}

/** For tests that change the environment between cases. */
export function resetConfigForTests(): void {
  cached = undefined;
}
