// Field rules of alipay.open.mini.version.audit.apply (contract §4 "audit.apply fields").
import {
  checkCategories,
  sentCategories,
  checkDesc,
  checkEmail,
  checkEnglishName,
  checkLogo,
  checkName,
  checkSlogan,
  fail,
  sensitive,
  ok,
  type AppInfo,
  type CategoryFacts,
  type CategoryLookup,
  type Checked,
} from './app-info';
import { imageInfo, MB } from './images';
import { cjkLength, cjkLengthBetween, isValidServicePhone } from './text-rules';

export const SCREENSHOT_FIELDS = ['first_screen_shot', 'second_screen_shot', 'third_screen_shot', 'fourth_screen_shot', 'fifth_screen_shot'] as const;
export const LICENSE_PIC_FIELDS = ['first_license_pic', 'second_license_pic', 'third_license_pic', 'fourth_license_pic', 'fifth_license_pic'] as const;
export const SPECIAL_LICENSE_PIC_FIELDS = ['first_special_license_pic', 'second_special_license_pic', 'third_special_license_pic'] as const;
export const MIN_SCREENSHOTS = 2;
const REGION_TYPES = ['GLOBAL', 'CHINA', 'LOCATION'];

export interface StoredImage {
  bytes: Buffer;
  mime: string;
}

export interface AuditApplyInput {
  fields: Record<string, string>;
  files: Record<string, Buffer>;
  current: AppInfo;
  everOnline: boolean;
  lookupCategory: CategoryLookup;
  /** The sandbox's sensitive-word list (default: as shipped). */
  sensitiveWords?: readonly string[];
}

export interface AuditSubmission extends AppInfo {
  versionDesc: string;
  regionType: string;
  serviceRegionInfo: string | null;
  memo: string | null;
  testAccount: string | null;
  testPassword: string | null;
  licenseNo: string | null;
  licenseName: string | null;
  licenseValidDate: string | null;
  autoOnline: boolean;
  categories: CategoryFacts[];
  screenshots: StoredImage[];
  licensePics: StoredImage[];
  outDoorPics: StoredImage[];
  specialLicensePics: StoredImage[];
  logo: StoredImage | null;
}

function checkImages(files: Record<string, Buffer>, fields: readonly string[], label: string): Checked<StoredImage[]> {
  // The platform names no codes for licence pictures; the screenshot codes are the sandbox's choice for them too.
  const out: StoredImage[] = [];
  for (const name of fields) {
    const bytes = files[name];
    if (!bytes) continue;
    const info = imageInfo(bytes);
    if (!info) return fail('INVALID_SCREEN_SHOT_EXT', `${label}只支持 png、jpg 格式（${name}）`);
    if (bytes.length > 4 * MB) return fail('SCREEN_SHOT_EXCEED_MAX_SIZE', `${label}不能超过 4MB（${name}）`);
    out.push({ bytes, mime: info.mime });
  }
  return ok(out);
}

function isRegionList(text: string): boolean {
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) && v.length > 0 && v.every((r) => r && typeof r === 'object' && 'province_code' in r);
  } catch {
    return false;
  }
}

export function validateAuditApply(input: AuditApplyInput): Checked<AuditSubmission> {
  const f = input.fields;
  const cur = input.current;
  const words = input.sensitiveWords;

  const versionDesc = f.version_desc ?? '';
  if (!versionDesc.trim()) return fail('VERSION_DESC_IS_BLANK', '版本描述不能为空');
  if (!cjkLengthBetween(versionDesc, 30, 500)) return fail('INVALID_VERSION_DESC_LENGTH', '版本描述长度应为 30 到 500 个字符（一个汉字计 2 个字符）');
  const badDesc = sensitive(versionDesc, 'MINI_APP_VERSION_DESC_SENSITIVE', '版本描述', words);
  if (badDesc) return { ok: false, refusal: badDesc };

  const regionType = f.region_type ?? '';
  if (!regionType) return fail('REGION_TYPE_IS_BLANK', '服务区域类型不能为空');
  if (!REGION_TYPES.includes(regionType)) return fail('REGION_TYPE_IS_INVALID', `服务区域类型 ${regionType} 不合法，可选 GLOBAL、CHINA、LOCATION`);
  const serviceRegionInfo = f.service_region_info || null;
  if (regionType === 'LOCATION' && (!serviceRegionInfo || !isRegionList(serviceRegionInfo))) {
    return fail('REGION_TYPE_IS_INVALID', 'LOCATION 类型需要 service_region_info（省市区编码列表）');
  }

  const appName = f.app_name || cur.appName;
  if (f.app_name && f.app_name !== cur.appName && input.everOnline) return fail('CAN_NOT_MODIFY_NAME_ONCE_ONLINE', '小程序上架后不能修改名称');
  const badName = checkName(appName, 'audit') ?? sensitive(f.app_name, 'MINI_APP_NAME_SENSITIVE', '小程序名称', words);
  if (badName) return { ok: false, refusal: badName };

  const appEnglishName = f.app_english_name || cur.appEnglishName;
  if (f.app_english_name && f.app_english_name !== cur.appEnglishName && input.everOnline) {
    return fail('CAN_NOT_MODIFY_NAME_ONCE_ONLINE', '小程序上架后不能修改英文名称');
  }
  if (f.app_english_name) {
    const bad = checkEnglishName(f.app_english_name) ?? sensitive(f.app_english_name, 'MINI_APP_EN_NAME_SENSITIVE', '英文名称', words);
    if (bad) return { ok: false, refusal: bad };
  }

  const appSlogan = f.app_slogan || cur.appSlogan;
  if (f.app_slogan) {
    const bad = checkSlogan(f.app_slogan) ?? sensitive(f.app_slogan, 'MINI_APP_SLOGAN_SENSITIVE', '小程序简介', words);
    if (bad) return { ok: false, refusal: bad };
  }
  const appDesc = f.app_desc || cur.appDesc;
  if (f.app_desc) {
    const bad = checkDesc(f.app_desc) ?? sensitive(f.app_desc, 'MINI_APP_DESC_SENSITIVE', '小程序描述', words);
    if (bad) return { ok: false, refusal: bad };
  }

  // mini_category_ids (or legacy app_category_ids alone); none sent → the mini-program's own, as stored.
  const cats = sentCategories(f, input.lookupCategory, 'INVALID_CATEGORY') ?? (cur.categoryIds ? checkCategories(cur.categoryIds, input.lookupCategory, 'INVALID_CATEGORY', 'path') : null);
  if (!cats) return fail('CATEGORY_NUM_IS_INVALID', '请选择 1 到 4 个类目');
  if (!cats.ok) return cats;

  const servicePhone = f.service_phone || cur.servicePhone;
  const serviceEmail = f.service_email || cur.serviceEmail;
  if (!servicePhone && !serviceEmail) return fail('SERVICE_TEL_AND_MAIL_BOTH_BLANK', '客服电话和客服邮箱至少填写一项');
  // Sandbox rule: the phone is becoming mandatory on the platform ("逐步灰度为必填").
  if (!servicePhone) return fail('SERVICE_TEL_IS_BLANK', '客服电话不能为空');
  if (f.service_phone && !isValidServicePhone(f.service_phone)) return fail('INVALID_MINI_APP_SERVICE_TEL', '客服电话应为 5 到 30 位数字或“-”');
  if (f.service_email) {
    const bad = checkEmail(f.service_email, 'INVALID_MINI_APP_SERVICE_MAIL') ?? sensitive(f.service_email, 'MINI_APP_SERVICE_MAIL_SENSITIVE', '客服邮箱', words);
    if (bad) return { ok: false, refusal: bad };
  }

  const memo = f.memo || null;
  if (memo && cjkLength(memo) > 500) return fail('INVALID_MINI_APP_MEMO_LENGTH', '备注不能超过 500 个字符（一个汉字计 2 个字符）');
  const badMemo = sensitive(memo, 'MINI_APP_MEMO_SENSITIVE', '备注', words);
  if (badMemo) return { ok: false, refusal: badMemo };

  const shots = checkImages(input.files, SCREENSHOT_FIELDS, '截图');
  if (!shots.ok) return shots;
  // Sandbox rule: every version built through version.upload is instantiated, so 0 or 2–5 (§4); exactly 1 refused.
  if (shots.value.length > 0 && shots.value.length < MIN_SCREENSHOTS) return fail('SCREEN_SHOT_NUM_IS_INVALID', `截图数量应为 0 张或 ${MIN_SCREENSHOTS} 到 5 张`);

  const licensePics = checkImages(input.files, LICENSE_PIC_FIELDS, '营业执照图片');
  if (!licensePics.ok) return licensePics;
  const outDoorPics = checkImages(input.files, ['out_door_pic'], '门头照');
  if (!outDoorPics.ok) return outDoorPics;
  const specialLicensePics = checkImages(input.files, SPECIAL_LICENSE_PIC_FIELDS, '特殊资质图片');
  if (!specialLicensePics.ok) return specialLicensePics;


  let logo: StoredImage | null = null;
  if (input.files.app_logo) {
    const l = checkLogo(input.files.app_logo);
    if (!l.ok) return l;
    logo = { bytes: input.files.app_logo, mime: l.value.mime };
  }

  // §4: any value other than `true` means false; there is no sub_code for a bad value.
  const autoOnline = f.auto_online ?? 'false';

  return ok({
    appName,
    appEnglishName: appEnglishName || null,
    appSlogan: appSlogan || null,
    appDesc: appDesc || null,
    servicePhone: servicePhone || null,
    serviceEmail: serviceEmail || null,
    categoryIds: cats.value.value,
    categories: cats.value.categories,
    versionDesc,
    regionType,
    serviceRegionInfo: regionType === 'LOCATION' ? serviceRegionInfo : null,
    memo,
    testAccount: f.test_accout || null,
    testPassword: f.test_password || null,
    licenseNo: f.license_no || null,
    licenseName: f.license_name || null,
    licenseValidDate: f.license_valid_date || null,
    autoOnline: autoOnline === 'true',
    screenshots: shots.value,
    licensePics: licensePics.value,
    outDoorPics: outDoorPics.value,
    specialLicensePics: specialLicensePics.value,
    logo,
  });
}
