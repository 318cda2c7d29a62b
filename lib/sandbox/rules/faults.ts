// Fault injection (contract §7): latency, an error rate with a chosen sub_code, hanging, and a requests-per-second limit.
import { z } from 'zod';

export const faultRuleSchema = z.object({
  /** OpenAPI method name, or `*` for all methods. */
  method: z.string().trim().min(1).default('*'),
  latencyMs: z.coerce.number().int().min(0).max(600_000).default(0),
  jitterMs: z.coerce.number().int().min(0).max(600_000).default(0),
  errorRate: z.coerce.number().min(0).max(1).default(0),
  errorSubCode: z.string().trim().min(1).nullish(),
  errorSubMsg: z.string().trim().min(1).nullish(),
  hang: z.preprocess((v) => (v === 'true' ? true : v === 'false' ? false : v), z.boolean().default(false)),
  rps: z.coerce.number().positive().nullish(),
  /** Successful answers come back odd (§7): an unknown field, a dropped optional field, an unknown enum value. */
  oddAnswers: z.preprocess((v) => (v === 'true' ? true : v === 'false' ? false : v), z.boolean().default(false)),
});
export type FaultRule = z.output<typeof faultRuleSchema>;
export type FaultRuleInput = z.input<typeof faultRuleSchema>;

export const faultRulesSchema = z.array(faultRuleSchema);

/** SANDBOX_FAULTS: a JSON rule or list of rules. Throws with a readable message when malformed. */
export function parseFaultsEnv(text: string | undefined): FaultRule[] | null {
  if (!text?.trim()) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new Error('SANDBOX_FAULTS must be JSON: a fault rule or a list of them');
  }
  const parsed = faultRulesSchema.safeParse(Array.isArray(raw) ? raw : [raw]);
  if (!parsed.success) throw new Error(`SANDBOX_FAULTS: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

export function rulesFor(method: string, rules: FaultRule[]): FaultRule[] {
  return rules.filter((r) => r.method === '*' || r.method === method);
}

/** The result code an injected error uses, from its sub_code family. */
export function faultErrorCode(subCode: string): { code: string; msg: string } {
  if (subCode.startsWith('isp.')) return { code: '20000', msg: 'Service Currently Unavailable' };
  if (subCode.startsWith('aop.')) return { code: '20001', msg: 'Insufficient Token Permissions' };
  if (subCode.startsWith('isv.insufficient')) return { code: '40006', msg: 'Insufficient Permissions' };
  if (subCode.startsWith('isv.missing-')) return { code: '40001', msg: 'Missing Required Arguments' };
  if (subCode.startsWith('isv.')) return { code: '40002', msg: 'Invalid Arguments' };
  return { code: '40004', msg: 'Business Failed' };
}

export const DEFAULT_FAULT_SUB_CODE = 'isp.unknow-error';

/** The delay one request gets from the matching rules: the largest fixed latency plus its jitter. */
export function faultDelayMs(rules: FaultRule[], random: () => number = Math.random): number {
  let delay = 0;
  for (const r of rules) delay = Math.max(delay, r.latencyMs + Math.floor(random() * (r.jitterMs + 1)));
  return delay;
}

export function pickInjectedError(rules: FaultRule[], random: () => number = Math.random): FaultRule | null {
  for (const r of rules) if (r.errorRate > 0 && random() < r.errorRate) return r;
  return null;
}

/**
 * The sandbox's requests-per-second fault: a sliding one-second window of hits per rule, per process. It refuses a
 * call over the limit; the batch worker's RateLimiter (a token bucket) waits instead.
 */
export class RpsWindow {
  private hits = new Map<string, number[]>();

  /** Records the hit and says whether it is over the limit. */
  overLimit(key: string, rps: number, now: number): boolean {
    const windowStart = now - 1000;
    const list = (this.hits.get(key) ?? []).filter((t) => t > windowStart);
    const over = list.length >= rps;
    if (!over) list.push(now);
    this.hits.set(key, list);
    return over;
  }

  reset(): void {
    this.hits.clear();
  }
}
