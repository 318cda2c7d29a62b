// Schemas of the sandbox's forms and commands, shared by the browser (zodResolver), the server actions and the JSON
// control surface. Messages are catalog keys.
import { z } from 'zod';

const required = (max: number) => z.string().trim().min(1, 'validation.required').max(max, 'validation.tooLong');
const ms = (max: number) => z.number('sandbox.validation.number').int('sandbox.validation.integer').min(0, 'sandbox.validation.range').max(max, 'sandbox.validation.range');

/** An Alipay logon id: an e-mail address or a mainland mobile number (the sandbox's rule). */
export function isLogonId(value: string): boolean {
  return /^1\d{10}$/.test(value) || (value.length <= 128 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value));
}

const logonIdSchema = required(128).refine(isLogonId, 'sandbox.validation.logonId');
const appIdSchema = z.string().regex(/^\d{16}$/, 'sandbox.validation.appId');
const userIdSchema = z.string().regex(/^2088\d{12}$/, 'sandbox.validation.userId');
export const VERSION_NUMBER = /^\d{1,4}\.\d{1,4}\.\d{1,4}$/;

// ── Merchant accounts (the sandbox page and the authorization page's sign-up) ─────────────────────────────────
export const MAX_MINI_APPS = 10;

export const merchantAccountSchema = z.object({
  name: required(40),
  logonId: logonIdSchema,
  password: z.string().min(6, 'sandbox.validation.passwordShort').max(64, 'validation.tooLong'),
  miniApps: z
    .array(z.object({ name: required(20) }))
    .min(1, 'sandbox.validation.miniAppsMin')
    .max(MAX_MINI_APPS, 'sandbox.validation.miniAppsMax'),
});
export type MerchantAccountInput = z.infer<typeof merchantAccountSchema>;

export const merchantSignInSchema = z.object({
  logonId: required(128),
  password: z.string().min(1, 'validation.required').max(64, 'validation.tooLong'),
});
export type MerchantSignInInput = z.infer<typeof merchantSignInSchema>;

// ── Authorization ───────────────────────────────────────────────────────────────────────────────────────────
/** What the merchant confirms on the authorization page, with the request it answers. */
export const consentSchema = z.object({
  appIds: z.array(appIdSchema).min(1, 'sandbox.openauth.pickOne').max(50),
});
export type ConsentInput = z.infer<typeof consentSchema>;

/** The query of the authorization link (contract §3); app_id and redirect_uri are checked further on the server. */
export const authRequestSchema = z.object({
  app_id: z.string('sandbox.openauth.errors.appIdMissing').trim().min(1, 'sandbox.openauth.errors.appIdMissing'),
  application_type: z.literal('TINYAPP', 'sandbox.openauth.errors.applicationType'),
  redirect_uri: z.url({ protocol: /^https?$/, error: 'sandbox.openauth.errors.redirectUri' }),
  state: z.string().max(512, 'sandbox.openauth.errors.state').optional(),
});
export type AuthRequest = z.infer<typeof authRequestSchema>;

/** The control surface acting as a merchant who confirms (tests use it instead of the page). */
export const authorizeAsMerchantSchema = z
  .object({
    userId: userIdSchema.optional(),
    logonId: logonIdSchema.optional(),
    appIds: z.array(appIdSchema).min(1, 'sandbox.openauth.pickOne'),
    redirectUri: z.url({ protocol: /^https?$/, error: 'sandbox.openauth.errors.redirectUri' }),
    state: z.string().max(512).optional(),
  })
  .refine((v) => v.userId || v.logonId, { message: 'validation.required', path: ['userId'] });

export const cancelAuthorizationSchema = z.object({ appId: appIdSchema });

// ── Audits ──────────────────────────────────────────────────────────────────────────────────────────────────
export const reviewSettingsSchema = z.object({
  reviewMode: z.enum(['auto', 'manual']),
  reviewDelayMs: ms(86_400_000),
});
export type ReviewSettingsInput = z.infer<typeof reviewSettingsSchema>;

export const decideAuditSchema = z
  .object({
    appId: appIdSchema,
    appVersion: z.string().regex(VERSION_NUMBER, 'sandbox.validation.version'),
    bundleId: z.string().min(1).max(64).default('com.alipay.alipaywallet'),
    pass: z.boolean(),
    /** BASE_PROMOTE audits: pass admission only (BASE_AUDIT_PASS), the reason being the marketing refusal. */
    admissionOnly: z.boolean().optional(),
    reason: z.string().trim().max(500, 'validation.tooLong').optional(),
  })
  .refine((v) => v.pass || !!v.reason, { message: 'sandbox.validation.reasonRequired', path: ['reason'] });
export type DecideAuditInput = z.input<typeof decideAuditSchema>;

// ── Members ─────────────────────────────────────────────────────────────────────────────────────────────────
export const invitationSettingsSchema = z.object({ invitationAutoAccept: z.boolean() });

export const respondInvitationSchema = z.object({
  appId: appIdSchema,
  userId: userIdSchema,
  role: z.enum(['DEVELOPER', 'EXPERIENCER']),
  accept: z.boolean(),
});

// ── Templates ───────────────────────────────────────────────────────────────────────────────────────────────
export const newTemplateSchema = z.object({ name: required(40) });
export type NewTemplateInput = z.infer<typeof newTemplateSchema>;

export const templateVersionSchema = z.object({
  templateId: required(32),
  version: z.string().trim().regex(VERSION_NUMBER, 'sandbox.validation.version'),
  onShelf: z.boolean(),
});
export type TemplateVersionInput = z.infer<typeof templateVersionSchema>;

export const templateQrHostsSchema = z.object({
  templateId: required(32),
  hosts: z.array(z.string().trim().regex(/^[a-z0-9.-]{1,253}$/i, 'sandbox.validation.host')).max(50),
});
export type TemplateQrHostsInput = z.infer<typeof templateQrHostsSchema>;

export const patternRouteSchema = z.object({
  appId: appIdSchema,
  routeUrl: required(500),
  routePattern: required(500),
  pageRedirection: required(200),
});
export type PatternRouteInput = z.infer<typeof patternRouteSchema>;

// ── Mini-programs ──────────────────────────────────────────────────────────────────────────────────────────
/** The per-mini-program "ICP filed" flag (contract §4 ICP gate). */
export const icpFiledSchema = z.object({ appId: appIdSchema, filed: z.boolean() });

// ── Word and domain lists ───────────────────────────────────────────────────────────────────────────────────
const listOf = (max: number, item: z.ZodString) => z.array(item).max(max, 'sandbox.validation.listTooLong');
/** The sensitive-word list (audit.apply / baseinfo.modify *_SENSITIVE codes) and the blocked-domain list (SAFEDOMAIN_FORBID). */
export const platformListsSchema = z.object({
  sensitiveWords: listOf(500, z.string().trim().min(1, 'validation.required').max(40, 'validation.tooLong')),
  blockedDomains: listOf(500, z.string().trim().toLowerCase().regex(/^[a-z0-9.-]{1,253}$/, 'sandbox.validation.host')),
});
export type PlatformListsInput = z.infer<typeof platformListsSchema>;

// ── Faults ──────────────────────────────────────────────────────────────────────────────────────────────────
export const faultRuleSchema = z.object({
  method: z
    .string()
    .trim()
    .min(1, 'validation.required')
    .regex(/^(\*|[a-z]+(\.[a-z]+)+)$/, 'sandbox.validation.method'),
  latencyMs: ms(600_000),
  jitterMs: ms(600_000),
  errorPercent: z.number('sandbox.validation.number').min(0, 'sandbox.validation.range').max(100, 'sandbox.validation.range'),
  /** Empty: the platform's generic isp.unknow-error. */
  errorSubCode: z
    .string()
    .trim()
    .max(64, 'validation.tooLong')
    .regex(/^[A-Za-z0-9_.-]*$/, 'sandbox.validation.subCode'),
  hang: z.boolean(),
  /** §7 "odd answers": an unknown field, a dropped optional field, an unknown enum value. */
  oddAnswers: z.boolean().optional(),
  rps: z.number('sandbox.validation.number').positive('sandbox.validation.range').max(10_000, 'sandbox.validation.range').nullish(),
});
export type FaultRuleInput = z.infer<typeof faultRuleSchema>;

export const removeFaultSchema = z.object({ index: z.number().int().min(0), method: z.string().min(1) });

// ── Messages ────────────────────────────────────────────────────────────────────────────────────────────────
export const redeliverSchema = z.object({ id: z.number().int().positive() });

// ── Settings ────────────────────────────────────────────────────────────────────────────────────────────────
export const platformSettingsSchema = z.object({
  buildDurationMs: ms(3_600_000),
  grayOptional: z.boolean(),
  messageDelivery: z.enum(['on', 'off']),
  notifyUrl: z.url({ protocol: /^https?$/, error: 'sandbox.validation.url' }),
});
export type PlatformSettingsInput = z.infer<typeof platformSettingsSchema>;

/** Any subset of the switches at once (the JSON control surface). */
export const settingsPatchSchema = reviewSettingsSchema
  .extend(platformSettingsSchema.shape)
  .extend(invitationSettingsSchema.shape)
  .extend({ messageRetryBaseMs: ms(3_600_000) })
  .extend(platformListsSchema.shape)
  .partial();

export const emptySchema = z.object({}).optional();

/** Moves a mini-program's release history into the past (data analysis needs live days). */
export const backdateReleaseSchema = z.object({ appId: appIdSchema, days: z.coerce.number().int().min(1).max(400) });
