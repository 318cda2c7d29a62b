/**
 * The embedded Alipay Open Platform sandbox: "Alipay" inside our server. The console reaches it only through the
 * gateway (`/sandbox/gateway.do`, with alipay-sdk), the authorization pages and the identity files it writes
 * (lib/config sandboxIdentityFiles), exactly as it reaches Alipay; eslint.config.mjs refuses any other import. The
 * server's entry point starts it (instrumentation.ts), and the /sandbox page, the platform's own control surface
 * rather than the console's, drives it through `control`.
 *
 * - `handleGateway(req)`: the OpenAPI v2 gateway (contract §2–§4).
 * - `serveImage(segments, search)`: QR codes, logos and screenshots under `/sandbox/qr/…`.
 * - `start()` / `stop()`: the ticker for due audit decisions, info reviews and message deliveries.
 * - `control`: what a person does inside "Alipay" and what tests drive —
 *   accounts: `createMerchantAccount`, `createMiniApp`, `findMerchantAccount`, `listAccounts`, `listMiniApps`;
 *   authorization: `authorize`, `refuse`, `cancelAuthorization`, `listAuthorizations`;
 *   `getSettings` / `updateSettings` (reviewMode, reviewDelayMs, buildDurationMs, grayOptional, invitationAutoAccept,
 *   messageDelivery, notifyUrl, messageRetryBaseMs);
 *   audits: `listPendingAudits`, `decideAudit`; members: `listInvitations`, `respondInvitation`;
 *   templates: `listTemplates`, `addTemplateVersion` (also toggles the shelf); faults: `getFaults`, `setFaults`;
 *   history: `listRequests`, `listMessages`, `redeliverMessage`, `countUploads`, `listVersions`, `listExperienceVersions`;
 *   time: `runDueWork` (decide due audits now), `flushMessages` (deliver due messages now).
 *   Refusals throw `SandboxControlError` / `AuthorizationError` with a message for the person.
 */
import 'server-only';
import { z } from 'zod';
import { getConfig } from '@/lib/config';
import type { SandboxContext } from './context';
import { createControl, type SandboxControl } from './control';
import { openSandboxStore, sandboxDbFile } from './db/client';
import { seedSandbox } from './db/seed';
import { saveFaults } from './fault-store';
import { handleGateway } from './gateway';
import { ensureSandboxIdentity, type SandboxIdentity } from './identity';
import { serveSandboxImage } from './images';
import { parseFaultsEnv, RpsWindow, type FaultRuleInput } from './rules/faults';
import { DEFAULT_BLOCKED_DOMAINS } from './rules/safe-domains';
import { DEFAULT_SENSITIVE_WORDS } from './rules/text-rules';
import type { SandboxSettings } from './settings';
import { createTicker } from './ticker';

export type { SandboxIdentity } from './identity';
export type { SandboxSettings } from './settings';
export type { FaultRule, FaultRuleInput } from './rules/faults';
export type { SandboxControl } from './control';
export { SandboxControlError, AuthorizationError } from './control';

export interface SandboxOptions {
  dataDir: string;
  /** Base URL of the server the sandbox lives in: QR image URLs and the default notify URL derive from it. */
  appUrl: string;
  /** Defaults for settings nobody has changed yet (a value set on the sandbox page, stored in sandbox.db, wins). */
  notifyUrl?: string;
  reviewDelayMs?: number;
  buildDurationMs?: number;
  reviewMode?: 'auto' | 'manual';
  messageRetryBaseMs?: number;
  /** Replaces the stored fault rules at creation (SANDBOX_FAULTS). */
  faults?: FaultRuleInput[];
  /** Ticker period (default 250 ms). */
  tickMs?: number;
  /** For tests: the clock, and the fetch used to deliver messages. */
  now?: () => number;
  fetch?: typeof fetch;
}

export interface Sandbox {
  identity: SandboxIdentity;
  handleGateway(req: Request): Promise<Response>;
  serveImage(segments: string[], search: URLSearchParams): Promise<Response>;
  start(): void;
  stop(): void;
  /** Stops the ticker and closes the database (tests with temporary folders). */
  close(): void;
  control: SandboxControl;
}

export function createSandbox(opts: SandboxOptions): Sandbox {
  const appUrl = opts.appUrl.replace(/\/$/, '');
  const identity = ensureSandboxIdentity(opts.dataDir);
  const store = openSandboxStore(sandboxDbFile(opts.dataDir));
  const now = opts.now ?? Date.now;
  seedSandbox(store, identity, now());

  const defaults: SandboxSettings = {
    reviewMode: opts.reviewMode ?? 'auto',
    reviewDelayMs: opts.reviewDelayMs ?? 3000,
    buildDurationMs: opts.buildDurationMs ?? 3000,
    // The "gray required" switch is off by default (§4 Transitions): a passed version may go online directly.
    grayOptional: true,
    invitationAutoAccept: false,
    messageDelivery: 'on',
    notifyUrl: opts.notifyUrl ?? `${appUrl}/api/alipay/notify`,
    messageRetryBaseMs: opts.messageRetryBaseMs ?? 2000,
    sensitiveWords: [...DEFAULT_SENSITIVE_WORDS],
    blockedDomains: [...DEFAULT_BLOCKED_DOMAINS],
  };

  let wake = () => {};
  const ctx: SandboxContext = { ...store, identity, appUrl, defaults, rpsWindow: new RpsWindow(), now, wake: () => wake() };
  const ticker = createTicker(ctx, { intervalMs: opts.tickMs ?? 250, fetch: opts.fetch ?? fetch });
  wake = ticker.wake;
  if (opts.faults) saveFaults(ctx, opts.faults);

  return {
    identity,
    handleGateway: (req) => handleGateway(ctx, req),
    serveImage: (segments, search) => serveSandboxImage(ctx, segments, search),
    start: ticker.start,
    stop: ticker.stop,
    close() {
      ticker.stop();
      store.sqlite.close();
    },
    control: createControl(ctx, ticker.deliver),
  };
}

/**
 * Optional environment for the process sandbox: SANDBOX_FAULTS (JSON rule or list), and defaults for end-to-end runs
 * that want fast timings: SANDBOX_REVIEW_MODE, SANDBOX_REVIEW_DELAY_MS, SANDBOX_BUILD_DURATION_MS,
 * SANDBOX_MESSAGE_RETRY_BASE_MS.
 */
const sandboxEnvSchema = z.object({
  SANDBOX_REVIEW_MODE: z.enum(['auto', 'manual']).optional(),
  SANDBOX_REVIEW_DELAY_MS: z.coerce.number().int().min(0).optional(),
  SANDBOX_BUILD_DURATION_MS: z.coerce.number().int().min(0).optional(),
  SANDBOX_MESSAGE_RETRY_BASE_MS: z.coerce.number().int().min(0).optional(),
});

function optionsFromEnv(env: Record<string, string | undefined>): Partial<SandboxOptions> {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([k, v]) => k.startsWith('SANDBOX_') && v));
  const parsed = sandboxEnvSchema.safeParse(cleaned);
  if (!parsed.success) throw new Error(`Invalid sandbox environment: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const e = parsed.data;
  return {
    reviewMode: e.SANDBOX_REVIEW_MODE,
    reviewDelayMs: e.SANDBOX_REVIEW_DELAY_MS,
    buildDurationMs: e.SANDBOX_BUILD_DURATION_MS,
    messageRetryBaseMs: e.SANDBOX_MESSAGE_RETRY_BASE_MS,
    faults: parseFaultsEnv(env.SANDBOX_FAULTS) ?? undefined,
  };
}

// Kept on globalThis so that dev-server reloads reuse one sandbox (one ticker, one connection).
const g = globalThis as unknown as { __tinyappSandbox?: Sandbox };

export function isSandboxEnabled(): boolean {
  return getConfig().alipayMode === 'sandbox';
}

/** Called by the server's entry point (instrumentation.ts): creates the identity and starts the reviewer and deliveries. */
export async function startEmbeddedSandbox(): Promise<void> {
  const sandbox = getSandbox();
  console.log(`[tinyapp] sandbox ISV app ${sandbox.identity.appId}, keys in ${sandbox.identity.dir}`);
}

/** The process's sandbox, created and started on first use. Only in ALIPAY_MODE=sandbox. */
export function getSandbox(): Sandbox {
  if (!g.__tinyappSandbox) {
    const config = getConfig();
    if (config.alipayMode !== 'sandbox') throw new Error('The embedded Alipay sandbox is off in ALIPAY_MODE=production');
    const sandbox = createSandbox({ ...optionsFromEnv(process.env), dataDir: config.dataDir, appUrl: config.appUrl });
    sandbox.start();
    g.__tinyappSandbox = sandbox;
  }
  return g.__tinyappSandbox;
}
