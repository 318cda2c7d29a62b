// "Fix the profile and resubmit" from a rejected merchant's row: the profile change through the Profile tab's own
// service (its checks, baseinfo.modify, history), the version back to development through the one lifecycle (a
// person's click), then the merchant's own item submits again and carries on alone through the rest of its chain.
import 'server-only';
import type { Db } from '@/db';
import { ActionError } from '@/lib/actions/result';
import type { SessionUser } from '@/lib/auth/guard';
import { findMerchantApp } from '@/lib/authorization/data';
import { getCategoryTree, type CategoryNode } from '@/lib/profile/categories';
import { currentCategoryIds, loadProfile, saveProfile, type ProfileDeps } from '@/lib/profile/service';
import { findVersion } from '@/lib/versions/data';
import type { VersionDeps } from '@/lib/versions/deps';
import { performVersionOperation } from '@/lib/versions/service';
import { findMember, planItems } from './data';
import type { FixAndResubmitInput } from './input';
import { PlanStateError, requeueForSubmission } from './service';

function rejectedMember(db: Db, planId: number, memberId: number) {
  const member = findMember(db, planId, memberId);
  const item = member && planItems(db, planId).get(member.authAppId);
  if (!member?.merchantAppId || !item || item.state !== 'failed' || (item.step !== 'awaitAudit' && item.step !== 'submit')) throw new ActionError('plans.errors.notRejected');
  return { member, item, merchantAppId: member.merchantAppId };
}

export interface FixProfile {
  appName: string;
  appSlogan: string;
  appDesc: string;
  categoryIds: string[];
  nameLocked: boolean;
  tree: CategoryNode[];
  reason: string | null;
}

/** What the fix dialog opens with: the live profile (the platform's), the categories and the rejection reason. */
export async function loadFixProfile(db: Db, planId: number, memberId: number, deps: ProfileDeps): Promise<FixProfile> {
  const { item, merchantAppId } = rejectedMember(db, planId, memberId);
  const { live, nameLocked } = await loadProfile(db, merchantAppId, deps);
  const tree = await getCategoryTree(deps.client).catch(() => []);
  return {
    appName: live.appName ?? '',
    appSlogan: live.appSlogan ?? '',
    appDesc: live.appDesc ?? '',
    categoryIds: currentCategoryIds(findMerchantApp(db, merchantAppId)!, live, tree),
    nameLocked,
    tree,
    reason: item.message,
  };
}

export async function fixAndResubmit(
  db: Db,
  user: Pick<SessionUser, 'id' | 'email'>,
  input: Omit<FixAndResubmitInput, 'planId' | 'memberId'> & { planId: number; memberId: number },
  deps: { profile: ProfileDeps; versions: VersionDeps },
): Promise<{ changed: string[] }> {
  const { item, merchantAppId } = rejectedMember(db, input.planId, input.memberId);
  const { live, nameLocked } = await loadProfile(db, merchantAppId, deps.profile);
  let changed: string[] = [];
  try {
    const saved = await saveProfile(
      db,
      user,
      {
        merchantAppId,
        appName: input.appName,
        appEnglishName: live.appEnglishName ?? '',
        appSlogan: input.appSlogan,
        appDesc: input.appDesc,
        categoryIds: input.categoryIds,
        servicePhone: live.servicePhone ?? '',
        serviceEmail: live.serviceEmail ?? '',
        nameLocked,
        logo: null,
      },
      deps.profile,
    );
    changed = saved.changed;
  } catch (e) {
    // Resubmitting unchanged is allowed: the rejection may have been the reviewer's mistake.
    if (!(e instanceof ActionError && e.message === 'profile.errors.noChanges')) throw e;
  }
  const version = item.appVersion ? findVersion(db, merchantAppId, item.appVersion) : undefined;
  if (version && (version.status === 'AUDIT_REJECT' || version.status === 'WAIT_RELEASE' || version.status === 'BASE_AUDIT_PASS')) {
    await performVersionOperation(deps.versions, user, 'backToDev', { merchantAppId, appVersion: version.appVersion, expectedStatus: version.status });
  }
  try {
    requeueForSubmission(db, input.planId, input.memberId);
  } catch (e) {
    if (e instanceof PlanStateError) throw new ActionError(e.key);
    throw e;
  }
  return { changed };
}
