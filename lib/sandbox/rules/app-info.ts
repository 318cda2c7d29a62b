// Checks of a mini-program's public information, shared by baseinfo.modify and audit.apply (contract §4).
import { imageInfo, MB, type ImageInfo } from './images';
import {
  checkAppName,
  checkEnglishNameText,
  cjkLengthBetween,
  containsSensitiveWord,
  isValidEmail,
  isValidServicePhone,
  parseCategoryIds,
} from './text-rules';
import type { Refusal } from './versions';

export type Checked<T> = { ok: true; value: T } | { ok: false; refusal: Refusal };

export const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
export const fail = (subCode: string, subMsg: string): { ok: false; refusal: Refusal } => ({ ok: false, refusal: { subCode, subMsg } });

/** What the tree says of one category path (its last node). */
export interface CategoryFacts {
  /** The ids joined by `_`. */
  code: string;
  name: string;
  /** The level names joined by `_`. */
  pathName: string;
  needLicense: boolean;
  needOutDoorPic: boolean;
  needSpecialLicense: boolean;
}

/** `leaf`: mini_category_ids, root to leaf; `legacy`: app_category_ids, two levels; `path`: any stored path. */
export type CategoryPathMode = 'leaf' | 'legacy' | 'path';

export interface CategoryLookup {
  /** The category at the end of the root-first id path, or null when the tree has no such path for the mode. */
  (path: readonly string[], mode: CategoryPathMode): CategoryFacts | null;
}

export interface CheckedCategories {
  value: string;
  categories: CategoryFacts[];
}

export const MAX_CATEGORIES = 4;

/** The unknown-category code: audit.apply spells it INVALID_CATEGORY, baseinfo.modify INVALID_CATEGOTY (sic, §4). */
export type CategoryCode = 'INVALID_CATEGORY' | 'INVALID_CATEGOTY';

export function checkCategories(value: string, lookup: CategoryLookup, invalidCode: CategoryCode = 'INVALID_CATEGOTY', mode: CategoryPathMode = 'leaf'): Checked<CheckedCategories> {
  const paths = parseCategoryIds(value);
  const shape = mode === 'legacy' ? '一级类目_二级类目' : '一级类目_二级类目[_三级类目]';
  if (!paths) return fail(invalidCode, `类目格式不正确：${value}，应为 ${shape}，多个类目用“;”分隔`);
  if (paths.length < 1 || paths.length > MAX_CATEGORIES) return fail('CATEGORY_NUM_IS_INVALID', `类目数量应为 1 到 ${MAX_CATEGORIES} 个`);
  const categories: CategoryFacts[] = [];
  for (const p of paths) {
    const found = lookup(p, mode);
    if (!found) {
      const why = mode === 'leaf' ? '不存在或不是末级类目' : '不存在';
      return fail(invalidCode, `类目 ${p.join('_')} ${why}`);
    }
    categories.push(found);
  }
  return ok({ value: paths.map((p) => p.join('_')).join(';'), categories });
}

/**
 * The categories a request sets: mini_category_ids (3-level tree, root to leaf); legacy app_category_ids only when
 * sent alone (§4: the platform no longer reads it beside mini_category_ids); none sent → null.
 */
export function sentCategories(fields: Record<string, string>, lookup: CategoryLookup, invalidCode: CategoryCode): Checked<CheckedCategories> | null {
  if (fields.mini_category_ids) return checkCategories(fields.mini_category_ids, lookup, invalidCode, 'leaf');
  if (fields.app_category_ids) return checkCategories(fields.app_category_ids, lookup, invalidCode, 'legacy');
  return null;
}

export function checkLogo(bytes: Buffer): Checked<ImageInfo> {
  const info = imageInfo(bytes);
  if (!info) return fail('INVALID_LOGO_EXT', 'Logo 只支持 png、jpg 格式');
  if (bytes.length > 2 * MB) return fail('LOGO_EXCEED_MAX_SIZE', 'Logo 不能超过 2MB');
  if (info.width !== info.height) return fail('LOGO_HEIGHT_NOT_EQUAL_WIDTH', `Logo 必须是正方形，当前为 ${info.width}×${info.height}`);
  return ok(info);
}

export function checkName(name: string, rule: 'audit' | 'modify'): Refusal | null {
  const r = checkAppName(name, rule);
  if (r === 'INVALID_MINI_APP_NAME') return { subCode: r, subMsg: '小程序名称只能包含中文、英文字母、数字、下划线、“+”和“-”' };
  if (r === 'INVALID_MINI_APP_NAME_LENGTH') {
    const subMsg = rule === 'audit' ? '小程序名称长度应为 3 到 40 个字符（一个汉字计 2 个字符）' : '小程序名称长度应为 3 到 30 个字符';
    return { subCode: r, subMsg };
  }
  return null;
}

export function checkEnglishName(name: string): Refusal | null {
  const r = checkEnglishNameText(name);
  if (r === 'INVALID_MINI_APP_EN_NAME') return { subCode: r, subMsg: '英文名称只能包含英文字母和数字，不能有空格' };
  if (r === 'INVALID_MINI_APP_EN_NAME_LENGTH') return { subCode: r, subMsg: '英文名称长度应为 3 到 30 个字符' };
  return null;
}

/** A sensitive word (the sandbox's editable list) in a field gives that field's own code (§4). */
export function sensitive(text: string | null | undefined, subCode: string, label: string, words?: readonly string[]): Refusal | null {
  return text && containsSensitiveWord(text, words) ? { subCode, subMsg: `${label}含有敏感词` } : null;
}

export function checkSlogan(slogan: string): Refusal | null {
  return cjkLengthBetween(slogan, 10, 32) ? null : { subCode: 'INVALID_MINI_APP_SLOGAN_LENGTH', subMsg: '小程序简介长度应为 10 到 32 个字符（一个汉字计 2 个字符）' };
}

export function checkDesc(desc: string): Refusal | null {
  return cjkLengthBetween(desc, 20, 400) ? null : { subCode: 'INVALID_MINI_APP_DESC_LENGTH', subMsg: '小程序描述长度应为 20 到 400 个字符（一个汉字计 2 个字符）' };
}

/** audit.apply answers INVALID_MINI_APP_SERVICE_MAIL, baseinfo.modify INVALID_MINI_APP_SERVICE_EMAIL (§4). */
export function checkEmail(email: string, subCode: 'INVALID_MINI_APP_SERVICE_MAIL' | 'INVALID_MINI_APP_SERVICE_EMAIL' = 'INVALID_MINI_APP_SERVICE_EMAIL'): Refusal | null {
  return isValidEmail(email) ? null : { subCode, subMsg: '客服邮箱格式不正确' };
}

export interface AppInfo {
  appName: string;
  appEnglishName: string | null;
  appSlogan: string | null;
  appDesc: string | null;
  servicePhone: string | null;
  serviceEmail: string | null;
  categoryIds: string | null;
}

export interface ModifyInput {
  fields: Record<string, string>;
  logo?: Buffer;
  current: AppInfo;
  everOnline: boolean;
  /** True when another mini-program already uses the name. */
  nameTaken(name: string): boolean;
  lookupCategory: CategoryLookup;
  /** The sandbox's sensitive-word list (default: as shipped). */
  sensitiveWords?: readonly string[];
}

export interface ModifyChange {
  info: Partial<AppInfo>;
  logo?: { bytes: Buffer; mime: string };
}

const MODIFIABLE = ['app_name', 'app_english_name', 'app_slogan', 'app_desc', 'mini_category_ids', 'app_category_ids', 'service_phone', 'service_email'] as const;

/** baseinfo.modify: unsent (or empty) fields keep their value. */
export function validateBaseInfoModify(input: ModifyInput): Checked<ModifyChange> {
  const f = input.fields;
  const words = input.sensitiveWords;
  const sent = MODIFIABLE.filter((k) => f[k]);
  if (!sent.length && !input.logo) return fail('MODIFY_PARAMS_ARE_BLANK', '没有需要修改的信息');
  const info: Partial<AppInfo> = {};

  if (f.app_name && f.app_name !== input.current.appName) {
    if (input.everOnline) return fail('CANNOT_MODIFY_NAME_AFTER_ONLINE', '小程序上架后不能修改名称');
    const bad = checkName(f.app_name, 'modify') ?? sensitive(f.app_name, 'MINI_APP_NAME_SENSITIVE', '小程序名称', words);
    if (bad) return { ok: false, refusal: bad };
    if (input.nameTaken(f.app_name)) return fail('MINI_APP_NAME_DUPLICATE', `名称“${f.app_name}”已被其他小程序使用`);
    info.appName = f.app_name;
  }
  if (f.app_english_name && f.app_english_name !== input.current.appEnglishName) {
    if (input.everOnline) return fail('CANNOT_MODIFY_NAME_AFTER_ONLINE', '小程序上架后不能修改英文名称');
    const bad = checkEnglishName(f.app_english_name) ?? sensitive(f.app_english_name, 'MINI_APP_EN_NAME_SENSITIVE', '英文名称', words);
    if (bad) return { ok: false, refusal: bad };
    info.appEnglishName = f.app_english_name;
  }
  if (f.app_slogan) {
    const bad = checkSlogan(f.app_slogan) ?? sensitive(f.app_slogan, 'MINI_APP_SLOGAN_SENSITIVE', '小程序简介', words);
    if (bad) return { ok: false, refusal: bad };
    info.appSlogan = f.app_slogan;
  }
  if (f.app_desc) {
    const bad = checkDesc(f.app_desc) ?? sensitive(f.app_desc, 'MINI_APP_DESC_SENSITIVE', '小程序描述', words);
    if (bad) return { ok: false, refusal: bad };
    info.appDesc = f.app_desc;
  }
  const c = sentCategories(f, input.lookupCategory, 'INVALID_CATEGOTY');
  if (c && !c.ok) return c;
  if (c) info.categoryIds = c.value.value;
  if (f.service_phone) {
    if (!isValidServicePhone(f.service_phone)) return fail('INVALID_MINI_APP_SERVICE_PHONE', '客服电话应为 5 到 30 位数字或“-”');
    info.servicePhone = f.service_phone;
  }
  if (f.service_email) {
    const bad = checkEmail(f.service_email, 'INVALID_MINI_APP_SERVICE_EMAIL') ?? sensitive(f.service_email, 'MINI_APP_SERVICE_EMAIL_SENSITIVE', '客服邮箱', words);
    if (bad) return { ok: false, refusal: bad };
    info.serviceEmail = f.service_email;
  }
  if (!(info.servicePhone ?? input.current.servicePhone) && !(info.serviceEmail ?? input.current.serviceEmail)) {
    return fail('SERVICE_TEL_AND_MAIL_BOTH_BLANK', '客服电话和客服邮箱至少填写一项');
  }
  let logo: ModifyChange['logo'];
  if (input.logo) {
    const l = checkLogo(input.logo);
    if (!l.ok) return l;
    logo = { bytes: input.logo, mime: l.value.mime };
  }
  return ok({ info, logo });
}
