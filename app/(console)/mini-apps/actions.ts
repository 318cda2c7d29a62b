'use server';
// Version management actions. Mutations go through defineAction (guard → validate → run → operation log); the
// reads the tab polls (sync, build state, audit context) check the role themselves and log nothing.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '@/lib/db';
import { actionFailure, defineAction, flatParams } from '@/lib/actions/define-action';
import { ActionError, type ActionResult } from '@/lib/actions/result';
import { AlipayError, AlipayTransportError, alipayTextParam } from '@/lib/alipay/errors';
import { AuthError, authorize } from '@/lib/auth/guard';
import { findMerchantApp } from '@/lib/authorization/data';
import { getTokenCipher } from '@/lib/authorization/tokens';
import { categoryNames, getCategoryRequirements, getCategoryTree, type CategoryNode } from '@/lib/profile/categories';
import type { QualificationNeed } from '@/lib/pre-audit/acceptance';
import { CATEGORY_ID } from '@/lib/validation/audit-form';
import { refusalsOf } from '@/lib/pre-audit/acceptance';
import { blobFacts } from '@/lib/pre-audit/image-facts';
import { loadProfile } from '@/lib/profile/service';
import { findVersion, lastSubmission } from '@/lib/versions/data';
import { defaultVersionDeps } from '@/lib/versions/deps';
import type { VersionOperation } from '@/lib/versions/operations';
import { performVersionOperation, submitVersionForAudit, uploadNewVersion } from '@/lib/versions/service';
import { followBuilds } from '@/lib/versions/sync';
import { renderErrorMessage, resolveUploadExt } from '@/lib/templates/choices';
import { buildVersionsView, syncForPage, type AuditContext, type VersionsView } from '@/lib/versions/view';
import {
  deleteVersionSchema,
  grayReleaseSchema,
  onlineSchema,
  submitAuditSchema,
  syncVersionsSchema,
  uploadVersionSchema,
  versionRefSchema,
} from '@/lib/validation/versions';

function versionTarget(merchantAppId: number, appVersion: string) {
  const app = findMerchantApp(getDb(), merchantAppId);
  return { type: 'miniAppVersion', id: `${app?.authAppId ?? `#${merchantAppId}`}@${appVersion}` };
}

// The tab reloads its data itself after an operation (refreshVersions); other pages showing versions are refreshed.
function revalidate(merchantAppId: number) {
  const app = findMerchantApp(getDb(), merchantAppId);
  if (app) revalidatePath(`/merchants/${app.merchantId}`, 'layout');
}

type OneClick = Exclude<VersionOperation, 'submitAudit' | 'grayRelease' | 'widenGray' | 'delete'>;

function oneClick(op: OneClick) {
  return defineAction({
    name: `versions.${op}`,
    role: 'operator',
    schema: versionRefSchema,
    target: (i) => versionTarget(i.merchantAppId, i.appVersion),
    run: async (input, { user }) => {
      const result = await performVersionOperation(defaultVersionDeps(), user, op, input);
      revalidate(input.merchantAppId);
      return result;
    },
  });
}

export const setExperience = oneClick('setExperience');
export const cancelExperienceVersion = oneClick('cancelExperience');
export const cancelAuditVersion = oneClick('cancelAudit');
export const backToDevelopment = oneClick('backToDev');
export const endGray = oneClick('endGray');
/** Online takes the restricted-release choice for a mini-program without ICP filing (CONTRACT §4 Versions). */
export const releaseOnline = defineAction({
  name: 'versions.online',
  role: 'operator',
  schema: onlineSchema,
  target: (i) => versionTarget(i.merchantAppId, i.appVersion),
  run: async (input, { user }) => {
    const result = await performVersionOperation(defaultVersionDeps(), user, 'online', input);
    revalidate(input.merchantAppId);
    return result;
  },
});
export const takeOffline = oneClick('offline');
export const rollback = oneClick('rollback');

export const grayRelease = defineAction({
  name: 'versions.gray',
  role: 'operator',
  schema: grayReleaseSchema,
  target: (i) => versionTarget(i.merchantAppId, i.appVersion),
  run: async (input, { user }) => {
    const row = findVersion(getDb(), input.merchantAppId, input.appVersion);
    const result = await performVersionOperation(defaultVersionDeps(), user, row?.status === 'GRAY' ? 'widenGray' : 'grayRelease', input);
    revalidate(input.merchantAppId);
    return result;
  },
});

export const deleteVersion = defineAction({
  name: 'versions.delete',
  role: 'operator',
  schema: deleteVersionSchema,
  target: (i) => versionTarget(i.merchantAppId, i.appVersion),
  run: async (input, { user }) => {
    const result = await performVersionOperation(defaultVersionDeps(), user, 'delete', input);
    revalidate(input.merchantAppId);
    return result;
  },
});

export const uploadVersion = defineAction({
  name: 'versions.upload',
  role: 'operator',
  schema: uploadVersionSchema,
  target: (i) => versionTarget(i.merchantAppId, i.appVersion),
  run: async (input, { user, db }) => {
    const resolved = resolveUploadExt(db, { templateId: input.templateId, merchantAppId: input.merchantAppId, override: input.extMode === 'override' ? input.ext : null });
    if (!resolved.ok) {
      const { key, params } = renderErrorMessage(resolved.error);
      throw new ActionError(key, { field: resolved.error.code === 'templateNotFound' ? 'templateId' : 'ext', params });
    }
    const result = await uploadNewVersion(defaultVersionDeps(), user, { ...input, ext: resolved.ext ?? '', extSource: resolved.extSource });
    revalidate(input.merchantAppId);
    return result;
  },
});

export const submitForAudit = defineAction({
  name: 'versions.submitAudit',
  role: 'operator',
  schema: submitAuditSchema,
  target: (i) => versionTarget(i.merchantAppId, i.appVersion),
  run: async (input, { user }) => {
    // The images' bytes, not their names or declared types, decide whether the platform takes them.
    const images = { screenshots: await Promise.all(input.screenshots.map(blobFacts)), logo: input.logo ? await blobFacts(input.logo) : null };
    const plan = { versionDesc: input.versionDesc, regionType: input.regionType, regions: input.regions, screenshotCount: input.screenshots.length, hasLogo: !!input.logo };
    const refused = refusalsOf(['screenshots', 'logo'], { plan, current: {}, images })[0];
    if (refused) throw new ActionError(refused.message, { field: refused.field, params: refused.params });
    // Unless staff chose to set the contact, the mini-program keeps its own.
    const own = input.contact !== 'set';
    const result = await submitVersionForAudit(defaultVersionDeps(), user, own ? { ...input, servicePhone: '', serviceEmail: '' } : input);
    revalidate(input.merchantAppId);
    return result;
  },
});

// ── Reads ────────────────────────────────────────────────────────────────────────────────────────────────

async function guardRead<S extends z.ZodType>(schema: S, raw: unknown): Promise<{ ok: true; input: z.infer<S> } | { ok: false; error: string }> {
  try {
    await authorize('viewer');
  } catch (e) {
    if (e instanceof AuthError) return { ok: false, error: e.message };
    throw e;
  }
  const parsed = schema.safeParse(raw);
  return parsed.success ? { ok: true, input: parsed.data } : { ok: false, error: 'validation.fixFields' };
}

/** Reads the platform now and answers the tab's data (the "sync" button and the tab's polling). */
export async function refreshVersions(raw: z.input<typeof syncVersionsSchema>): Promise<ActionResult<VersionsView>> {
  const g = await guardRead(syncVersionsSchema, raw);
  if (!g.ok) return g;
  const deps = defaultVersionDeps();
  const sync = await syncForPage(deps, g.input.merchantAppId, { full: g.input.full });
  const view = buildVersionsView(deps.db, g.input.merchantAppId, sync);
  return view ? { ok: true, data: view } : { ok: false, error: 'versions.errors.miniAppNotFound' };
}

const buildStateSchema = z.object({ merchantAppId: z.coerce.number().int().positive(), appVersion: z.string().max(40) });

/** The build state of one version, asking the platform while it builds (the upload dialog follows it). */
export async function pollBuild(raw: z.input<typeof buildStateSchema>): Promise<ActionResult<{ buildStatus: string | null; status: string | null }>> {
  const g = await guardRead(buildStateSchema, raw);
  if (!g.ok) return g;
  const deps = defaultVersionDeps();
  try {
    const { appAuthToken } = deps.operable(g.input.merchantAppId);
    await followBuilds(deps, g.input.merchantAppId, appAuthToken);
  } catch (e) {
    if (e instanceof ActionError) return actionFailure(e);
    if (!(e instanceof AlipayError || e instanceof AlipayTransportError)) throw e;
    // A failed read is retried by the next poll.
  }
  const row = findVersion(deps.db, g.input.merchantAppId, g.input.appVersion);
  return { ok: true, data: { buildStatus: row?.buildStatus ?? null, status: row?.status ?? null } };
}

const contextSchema = z.object({ merchantAppId: z.coerce.number().int().positive() });

/** What the audit wizard needs: the live profile (for the pre-audit check), the category tree, the last submission. */
export async function loadAuditContext(raw: z.input<typeof contextSchema>): Promise<ActionResult<AuditContext>> {
  const g = await guardRead(contextSchema, raw);
  if (!g.ok) return g;
  const db = getDb();
  const app = findMerchantApp(db, g.input.merchantAppId);
  try {
    const [{ live, nameLocked }, categories] = await Promise.all([
      loadProfile(db, g.input.merchantAppId, { cipher: getTokenCipher() }),
      getCategoryTree().catch(() => [] as CategoryNode[]),
    ]);
    const categoryIds = app?.categoryIds ? app.categoryIds.split(';').filter(Boolean) : [];
    return {
      ok: true,
      data: {
        current: {
          appName: live.appName ?? null,
          appEnglishName: live.appEnglishName ?? null,
          appSlogan: live.appSlogan ?? null,
          appDesc: live.appDesc ?? null,
          servicePhone: live.servicePhone ?? null,
          serviceEmail: live.serviceEmail ?? null,
          appLogo: live.appLogo ?? null,
          categoryIds,
          categoryNames: live.categoryNames ?? (categoryIds.length && categories.length ? categoryNames(categoryIds, categories) : null),
        },
        nameLocked,
        categories,
        previous: lastSubmission(db, g.input.merchantAppId),
      },
    };
  } catch (e) {
    if (e instanceof ActionError) return actionFailure(e);
    if (e instanceof AlipayError || e instanceof AlipayTransportError) return { ok: false, error: 'audit.loadFailed', params: await flatParams({ message: alipayTextParam(e) }) };
    throw e;
  }
}

const requirementsSchema = z.object({ codes: z.array(z.string().regex(CATEGORY_ID)).min(1).max(4) });

/** Which qualifications the chosen categories need (category.require.query), for the audit wizard. */
export async function loadCategoryRequirements(raw: z.input<typeof requirementsSchema>): Promise<ActionResult<QualificationNeed[]>> {
  const g = await guardRead(requirementsSchema, raw);
  if (!g.ok) return g;
  try {
    return { ok: true, data: await getCategoryRequirements(g.input.codes) };
  } catch (e) {
    if (e instanceof AlipayError || e instanceof AlipayTransportError) return { ok: false, error: 'qualifications.loadFailed', params: await flatParams({ message: alipayTextParam(e) }) };
    throw e;
  }
}
