'use server';
// Release plan actions: guard → validate → run (defineAction); the domain is lib/plans.
import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/actions/define-action';
import { ActionError } from '@/lib/actions/result';
import { getAlipayClient } from '@/lib/alipay/client';
import { getTokenCipher } from '@/lib/authorization/tokens';
import { fixAndResubmit, loadFixProfile } from '@/lib/plans/fix';
import { fixAndResubmitSchema, planIdSchema, planInputSchema, planMemberSchema } from '@/lib/plans/input';
import { abortPlan, advancePlan, createPlan, pausePlan, PlanStateError, resumePlan, skipMember } from '@/lib/plans/service';
import { defaultVersionDeps } from '@/lib/versions/deps';

function stateError(e: unknown): never {
  if (e instanceof PlanStateError) throw new ActionError(e.key);
  throw e;
}

const createAction = defineAction({
  name: 'plans.create',
  role: 'operator',
  schema: planInputSchema,
  run: async (input, { db, user }): Promise<{ id: number }> => {
    const r = createPlan(db, { id: user.id, email: user.email }, input);
    if (!r.ok) {
      switch (r.error) {
        case 'invalidParams': {
          const first = r.issues[0];
          throw new ActionError(first?.message ?? 'validation.fixFields', { field: first ? first.path : undefined });
        }
        case 'invalidTemplate':
          throw new ActionError('batches.validation.invalidTemplate', { field: 'ext', params: { detail: r.detail } });
        case 'unknownApps':
          throw new ActionError('plans.errors.unknownApps', { field: 'merchantAppIds', params: { n: r.ids.length } });
        case 'busy':
          throw new ActionError('plans.errors.busy', { field: 'merchantAppIds', params: { apps: r.apps.slice(0, 5).join(', '), n: r.apps.length } });
        case 'preflight':
          throw new ActionError('plans.errors.preflight', {
            field: 'merchantAppIds',
            params: { n: r.rows.length, apps: r.rows.slice(0, 3).map((row) => row.merchantName).join('、') },
          });
      }
    }
    // The first wave starts now; the worker's sweep would start it within a second anyway.
    advancePlan(db, r.plan.id);
    revalidatePath('/plans');
    return { id: r.plan.id };
  },
  target: (_i, r) => (r ? { type: 'plan', id: r.id } : undefined),
});

const pauseAction = defineAction({
  name: 'plans.pause',
  role: 'operator',
  schema: planIdSchema,
  target: (i) => ({ type: 'plan', id: i.planId }),
  run: async ({ planId }, { db, user }) => {
    try {
      pausePlan(db, user, planId);
    } catch (e) {
      stateError(e);
    }
    revalidatePath(`/plans/${planId}`);
    return { ok: true };
  },
});

const resumeAction = defineAction({
  name: 'plans.resume',
  role: 'operator',
  schema: planIdSchema,
  target: (i) => ({ type: 'plan', id: i.planId }),
  run: async ({ planId }, { db, user }) => {
    try {
      resumePlan(db, user, planId);
    } catch (e) {
      stateError(e);
    }
    revalidatePath(`/plans/${planId}`);
    return { ok: true };
  },
});

const abortAction = defineAction({
  name: 'plans.abort',
  role: 'operator',
  schema: planIdSchema,
  target: (i) => ({ type: 'plan', id: i.planId }),
  run: async ({ planId }, { db, user }) => {
    let online: number[] = [];
    try {
      online = abortPlan(db, user, planId).onlineMerchantAppIds;
    } catch (e) {
      stateError(e);
    }
    revalidatePath(`/plans/${planId}`);
    return { online };
  },
});

const skipAction = defineAction({
  name: 'plans.skipMerchant',
  role: 'operator',
  schema: planMemberSchema,
  target: (i) => ({ type: 'plan', id: i.planId }),
  run: async ({ planId, memberId }, { db, user }) => {
    try {
      skipMember(db, user, planId, memberId);
    } catch (e) {
      stateError(e);
    }
    revalidatePath(`/plans/${planId}`);
    return { ok: true };
  },
});

const loadFixAction = defineAction({
  name: 'plans.loadFix',
  role: 'operator',
  schema: planMemberSchema,
  run: async ({ planId, memberId }, { db }) => loadFixProfile(db, planId, memberId, { cipher: getTokenCipher(), client: getAlipayClient() }),
});

const fixAction = defineAction({
  name: 'plans.fixAndResubmit',
  role: 'operator',
  schema: fixAndResubmitSchema,
  target: (i) => ({ type: 'plan', id: i.planId }),
  run: async (input, { db, user }) => {
    const r = await fixAndResubmit(db, user, input, { profile: { cipher: getTokenCipher(), client: getAlipayClient() }, versions: defaultVersionDeps() });
    revalidatePath(`/plans/${input.planId}`);
    return r;
  },
});

export async function createReleasePlan(input: Parameters<typeof createAction>[0]) {
  return createAction(input);
}
export async function pauseReleasePlan(input: Parameters<typeof pauseAction>[0]) {
  return pauseAction(input);
}
export async function resumeReleasePlan(input: Parameters<typeof resumeAction>[0]) {
  return resumeAction(input);
}
export async function abortReleasePlan(input: Parameters<typeof abortAction>[0]) {
  return abortAction(input);
}
export async function skipPlanMerchant(input: Parameters<typeof skipAction>[0]) {
  return skipAction(input);
}
export async function loadPlanFix(input: Parameters<typeof loadFixAction>[0]) {
  return loadFixAction(input);
}
export async function fixAndResubmitPlanMerchant(input: Parameters<typeof fixAction>[0]) {
  return fixAction(input);
}
