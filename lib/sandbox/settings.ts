// The sandbox's switches, stored as key → JSON rows; unset keys fall back to the defaults given at creation.
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { SandboxDb } from './db/client';
import { settings } from './db/schema';

export const settingsSchema = z.object({
  /** auto: the reviewer decides reviewDelayMs after apply; manual: a person decides on the sandbox page. */
  reviewMode: z.enum(['auto', 'manual']),
  reviewDelayMs: z.coerce.number().int().min(0).max(86_400_000),
  buildDurationMs: z.coerce.number().int().min(0).max(3_600_000),
  /** Allow online straight from WAIT_RELEASE (the OpenAPI docs allow it; gray first is the default). */
  grayOptional: z.boolean(),
  /** Member invitations are accepted at once instead of waiting for the person. */
  invitationAutoAccept: z.boolean(),
  /** off: messages are recorded but never sent, as if lost. */
  messageDelivery: z.enum(['on', 'off']),
  notifyUrl: z.url({ protocol: /^https?$/ }),
  /** First retry delay of a failed delivery; each next one doubles. */
  messageRetryBaseMs: z.coerce.number().int().min(0).max(3_600_000),
  /** Words that make audit.apply and baseinfo.modify answer the field's own *_SENSITIVE code (§4, sandbox rule). */
  sensitiveWords: z.array(z.string().trim().min(1).max(40)).max(500),
  /** Hosts safedomain.create refuses with SAFEDOMAIN_FORBID (§4 Domains, sandbox rule); lower case. */
  blockedDomains: z.array(z.string().trim().toLowerCase().min(1).max(253)).max(500),
});
export type SandboxSettings = z.output<typeof settingsSchema>;

export function readSettings(db: SandboxDb, defaults: SandboxSettings): SandboxSettings {
  const stored: Record<string, unknown> = {};
  for (const row of db.select().from(settings).all()) {
    try {
      stored[row.key] = JSON.parse(row.value);
    } catch {
      // A hand-edited row that is not JSON is ignored: the default applies.
    }
  }
  const merged = { ...defaults };
  for (const key of Object.keys(defaults) as (keyof SandboxSettings)[]) {
    if (!(key in stored)) continue;
    const parsed = settingsSchema.shape[key].safeParse(stored[key]);
    if (parsed.success) (merged as Record<string, unknown>)[key] = parsed.data;
  }
  return merged;
}

export function writeSettings(db: SandboxDb, patch: Partial<SandboxSettings>): void {
  const valid = settingsSchema.partial().parse(patch);
  for (const [key, value] of Object.entries(valid)) {
    if (value === undefined) continue;
    const json = JSON.stringify(value);
    const existing = db.select().from(settings).where(eq(settings.key, key)).get();
    if (existing) db.update(settings).set({ value: json }).where(eq(settings.key, key)).run();
    else db.insert(settings).values({ key, value: json }).run();
  }
}
