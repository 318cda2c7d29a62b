// The fault rules in force, kept in sandbox.db so that every process and restart sees the same ones.
import { asc } from 'drizzle-orm';
import { inWriteTransaction, type SandboxContext } from './context';
import { faultRules } from './db/schema';
import { faultRulesSchema, type FaultRule, type FaultRuleInput } from './rules/faults';

export function loadFaults(ctx: SandboxContext): FaultRule[] {
  return ctx.db
    .select()
    .from(faultRules)
    .orderBy(asc(faultRules.id))
    .all()
    .map((r) => ({
      method: r.method,
      latencyMs: r.latencyMs,
      jitterMs: r.jitterMs,
      errorRate: r.errorRate,
      errorSubCode: r.errorSubCode,
      errorSubMsg: r.errorSubMsg,
      hang: r.hang,
      rps: r.rps,
      oddAnswers: r.oddAnswers,
    }));
}

/** Replaces every rule; an empty list turns faults off. */
export function saveFaults(ctx: SandboxContext, input: FaultRuleInput[]): FaultRule[] {
  const rules = faultRulesSchema.parse(input);
  inWriteTransaction(ctx, () => {
    ctx.db.delete(faultRules).run();
    for (const r of rules) {
      ctx.db
        .insert(faultRules)
        .values({ ...r, errorSubCode: r.errorSubCode ?? null, errorSubMsg: r.errorSubMsg ?? null, rps: r.rps ?? null })
        .run();
    }
  });
  ctx.rpsWindow.reset();
  return rules;
}
