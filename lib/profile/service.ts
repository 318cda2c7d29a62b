// The Profile tab: read the live base info, and save changes with baseinfo.modify — only the fields that changed,
// after the same checks as the form, writing the history only once the platform has accepted.
import type { Db } from '@/db';
import type { MerchantApp } from '@/db/schema';
import { ActionError } from '@/lib/actions/result';
import { modifyBaseInfo, queryBaseInfo, type BaseInfo } from '@/lib/alipay/base-info';
import type { AlipayClient } from '@/lib/alipay/client';
import { AlipayError } from '@/lib/alipay/errors';
import { platformActionError } from '@/lib/actions/platform-error';
import { listVersions } from '@/lib/alipay/versions';
import type { SessionUser } from '@/lib/auth/guard';
import type { TokenCipher } from '@/lib/crypto/token-cipher';
import { requireOperableApp } from '@/lib/authorization/tokens';
import { preAuditCheck } from '@/lib/pre-audit';
import { LOGO_MAX_BYTES, type ProfileValues, type SnapshotPart } from '@/lib/validation/profile';
import { categoryIdsFromNames, categoryNames, getCategoryTree } from './categories';
import { markNameFrozen, recordProfileChange, type FieldChange } from './data';
import { invalidateSnapshot, isFresh, readSnapshot, recordBaseInfo, refreshSnapshot, SNAPSHOT_MIN_INTERVAL_MS, type MiniAppSnapshot } from './snapshot';
import { checkLogoBytes } from './image';

export interface ProfileDeps {
  cipher: TokenCipher;
  client?: AlipayClient;
  now?: Date;
}

export const TEXT_FIELDS = ['appName', 'appEnglishName', 'appSlogan', 'appDesc', 'servicePhone', 'serviceEmail'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

/** Which form field a platform refusal belongs on. */
const SUB_CODE_FIELDS: Record<string, string> = {
  INVALID_MINI_APP_NAME: 'appName',
  INVALID_MINI_APP_NAME_LENGTH: 'appName',
  MINI_APP_NAME_DUPLICATE: 'appName',
  APP_NAME_SENSITIVE: 'appName',
  MINI_APP_NAME_SENSITIVE: 'appName',
  RISK_DECISION_HIT_BROAD: 'appName',
  CANNOT_MODIFY_NAME_AFTER_ONLINE: 'appName',
  INVALID_MINI_APP_ENGLISH_NAME: 'appEnglishName',
  INVALID_MINI_APP_EN_NAME: 'appEnglishName',
  INVALID_MINI_APP_EN_NAME_LENGTH: 'appEnglishName',
  MINI_APP_EN_NAME_SENSITIVE: 'appEnglishName',
  CAN_NOT_MODIFY_EN_ONCE_ONLINE: 'appEnglishName',
  INVALID_MINI_APP_SLOGAN_LENGTH: 'appSlogan',
  APP_SLOGAN_SENSITIVE: 'appSlogan',
  MINI_APP_SLOGAN_SENSITIVE: 'appSlogan',
  INVALID_MINI_APP_DESC_LENGTH: 'appDesc',
  APP_DESC_SENSITIVE: 'appDesc',
  MINI_APP_DESC_SENSITIVE: 'appDesc',
  CATEGORY_NUM_IS_INVALID: 'categoryIds',
  INVALID_CATEGOTY: 'categoryIds',
  INVALID_CATEGORY: 'categoryIds',
  SERVICE_TEL_IS_BLANK: 'servicePhone',
  INVALID_MINI_APP_SERVICE_MAIL: 'serviceEmail',
  MINI_APP_SERVICE_MAIL_SENSITIVE: 'serviceEmail',
  MINI_APP_SERVICE_EMAIL_SENSITIVE: 'serviceEmail',
  INVALID_LOGO_EXT: 'logo',
  LOGO_EXCEED_MAX_SIZE: 'logo',
  LOGO_HEIGHT_NOT_EQUAL_WIDTH: 'logo',
  INVALID_MINI_APP_SERVICE_PHONE: 'servicePhone',
  INVALID_MINI_APP_SERVICE_TEL: 'servicePhone',
  INVALID_MINI_APP_SERVICE_EMAIL: 'serviceEmail',
  SERVICE_TEL_AND_MAIL_BOTH_BLANK: 'servicePhone',
};

export function fieldOfSubCode(subCode: string | undefined): string | undefined {
  if (!subCode) return undefined;
  if (SUB_CODE_FIELDS[subCode]) return SUB_CODE_FIELDS[subCode];
  if (/NAME_SENSITIVE$/.test(subCode)) return 'appName';
  if (/SLOGAN/.test(subCode)) return 'appSlogan';
  if (/DESC/.test(subCode)) return 'appDesc';
  return undefined;
}

/** Whether the platform will refuse a new name: the mini-program has been online. Remembered once known. */
export async function nameFrozen(db: Db, app: MerchantApp, appAuthToken: string, deps: ProfileDeps): Promise<boolean> {
  if (app.nameFrozenAt) return true;
  try {
    const online = await listVersions({ appAuthToken, versionStatuses: ['RELEASE', 'OFFLINE', 'AUDIT_OFFLINE'] }, deps.client);
    if (!online.length) return false;
  } catch {
    // Unknown: the platform still refuses a frozen name on save, and that answer is remembered too.
    return false;
  }
  markNameFrozen(db, app.id, deps.now ?? new Date());
  return true;
}

export interface LoadedProfile {
  live: BaseInfo;
  nameLocked: boolean;
}

export async function loadProfile(db: Db, merchantAppId: number, deps: ProfileDeps): Promise<LoadedProfile> {
  const { app, appAuthToken } = requireOperableApp(db, deps.cipher, merchantAppId);
  const [live, locked] = await Promise.all([queryBaseInfo({ appAuthToken }, deps.client), nameFrozen(db, app, appAuthToken, deps)]);
  recordBaseInfo(db, app, live, deps.now ?? new Date());
  return { live, nameLocked: locked };
}

/**
 * Reads what a page shows from the platform into the console's snapshot (the profile also learns whether the name
 * is frozen). A read made moments ago is reused, so reloading a page cannot make the console call the platform at will.
 */
export async function refreshMiniAppData(db: Db, merchantAppId: number, part: SnapshotPart, deps: ProfileDeps): Promise<void> {
  try {
    if (part === 'overview') await refreshSnapshot(db, merchantAppId, 'overview', deps);
    else if (!isFresh(readSnapshot(db, merchantAppId).fetchedAt, deps.now ?? new Date(), SNAPSHOT_MIN_INTERVAL_MS)) await loadProfile(db, merchantAppId, deps);
  } catch (e) {
    throw e instanceof ActionError ? e : platformActionError(e);
  }
}

/**
 * The stored snapshot for a page. Only a mini-program never read before makes the page read the platform itself,
 * as nothing of the console's own can answer yet; a failure there is left to the page's refresh, which shows it.
 */
export async function snapshotForPage(db: Db, merchantAppId: number, part: SnapshotPart, deps: ProfileDeps): Promise<MiniAppSnapshot> {
  const stored = readSnapshot(db, merchantAppId);
  const never = !stored.baseInfo || (part === 'overview' && !stored.onlineFetchedAt && stored.onlineVersion === null);
  if (!never) return stored;
  try {
    await refreshMiniAppData(db, merchantAppId, part, deps);
  } catch {
    return stored;
  }
  return readSnapshot(db, merchantAppId);
}

/** The categories as the console set them, or as read back from the platform's names when it never did. */
export function currentCategoryIds(app: Pick<MerchantApp, 'categoryIds'>, live: Pick<BaseInfo, 'categoryNames'>, tree: Parameters<typeof categoryIdsFromNames>[1]): string[] {
  if (app.categoryIds) return app.categoryIds.split(';').filter(Boolean);
  return categoryIdsFromNames(live.categoryNames, tree);
}

export type { FieldChange } from './data';

const norm = (v: string | null | undefined) => (v ?? '').trim();
const sameCategories = (a: readonly string[], b: readonly string[]) => [...a].sort().join(';') === [...b].sort().join(';');

export interface SaveResult {
  /** EFFECTIVE or AUDITING (the sandbox's values); any other the platform sends is kept raw (§4 Base info). */
  modifyStatus: string;
  changed: string[];
}

export async function saveProfile(db: Db, actor: Pick<SessionUser, 'id' | 'email'>, input: ProfileValues, deps: ProfileDeps): Promise<SaveResult> {
  const now = deps.now ?? new Date();
  const { app, appAuthToken } = requireOperableApp(db, deps.cipher, input.merchantAppId);
  let live: BaseInfo;
  try {
    live = await queryBaseInfo({ appAuthToken }, deps.client);
  } catch (e) {
    throw platformActionError(e);
  }
  const locked = await nameFrozen(db, app, appAuthToken, deps);

  // The browser's checks again, now with the server's knowledge of whether the name is frozen.
  const blocking = preAuditCheck({ ...input, categoryCount: input.categoryIds.length, nameLocked: locked }).find((f) => f.severity === 'error');
  if (blocking) throw new ActionError(blocking.message, { field: blocking.field });

  const changes: Record<string, FieldChange> = {};
  const send: Partial<Record<TextField, string>> = {};
  const started = input.startedFrom;
  for (const field of TEXT_FIELDS) {
    const before = norm(live[field]);
    const after = norm(input[field]);
    if (before === after) continue;
    // Left as the form showed it, while the platform has moved on since: the form was older, the platform's value stays.
    if (started?.[field] !== undefined && norm(started[field]) === after) continue;
    if (!after) throw new ActionError('profile.errors.cannotClear', { field });
    if (locked && (field === 'appName' || field === 'appEnglishName')) throw new ActionError('profile.errors.nameFrozen', { field });
    send[field] = after;
    changes[field] = { before: before || null, after };
  }

  const tree = await getCategoryTree(deps.client).catch(() => []);
  const storedCategories = currentCategoryIds(app, live, tree);
  let sendCategories: string[] | undefined;
  const categoriesUntouched = started?.categoryIds !== undefined && sameCategories(started.categoryIds, input.categoryIds);
  if (!categoriesUntouched && !sameCategories(storedCategories, input.categoryIds)) {
    sendCategories = input.categoryIds;
    changes.categories = { before: live.categoryNames ?? null, after: tree.length ? categoryNames(input.categoryIds, tree) : input.categoryIds.join(';') };
  }

  let logo: { fileName: string; content: Buffer } | undefined;
  if (input.logo) {
    const content = Buffer.from(await input.logo.arrayBuffer());
    const checked = checkLogoBytes(content, LOGO_MAX_BYTES);
    if (!checked.ok) throw new ActionError(`profile.logo.${checked.problem}`, { field: 'logo' });
    logo = { fileName: checked.info.mime === 'image/png' ? 'logo.png' : 'logo.jpg', content };
    changes.logo = { before: live.appLogo ? '原 Logo' : null, after: `新 Logo（${checked.info.width}×${checked.info.height}，${Math.ceil(content.length / 1024)} KB）` };
  }

  if (!Object.keys(changes).length) throw new ActionError('profile.errors.noChanges');

  let modifyStatus: string;
  try {
    const result = await modifyBaseInfo({ appAuthToken, ...send, miniCategoryIds: sendCategories, appLogo: logo }, deps.client);
    modifyStatus = result.modifyStatus ?? 'EFFECTIVE';
  } catch (e) {
    if (e instanceof AlipayError) {
      if (e.subCode === 'CANNOT_MODIFY_NAME_AFTER_ONLINE') {
        markNameFrozen(db, app.id, now);
      }
      throw platformActionError(e, fieldOfSubCode(e.subCode));
    }
    throw platformActionError(e);
  }

  recordProfileChange(db, {
    merchantAppId: app.id,
    app: {
      ...(sendCategories ? { categoryIds: sendCategories.join(';') } : {}),
      ...(send.appName && modifyStatus === 'EFFECTIVE' ? { appName: send.appName } : {}),
    },
    change: { actorId: actor.id, actorEmail: actor.email, changes: JSON.stringify(changes), modifyStatus },
    now,
  });
  // Read back, so the page shows what the platform now holds; failing that, the page reads it again itself.
  try {
    recordBaseInfo(db, app, await queryBaseInfo({ appAuthToken }, deps.client), deps.now ?? new Date());
  } catch {
    invalidateSnapshot(db, app.id, 'baseInfo');
  }
  return { modifyStatus, changed: Object.keys(changes) };
}
