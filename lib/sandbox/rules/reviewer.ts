// The sandbox reviewer's rules (contract §5): each failed rule contributes one Chinese sentence to reject_reason.
import { misusesPlatformBrand } from './text-rules';

export interface AuditSubject {
  appName: string;
  appSlogan?: string | null;
  appDesc?: string | null;
  versionDesc?: string | null;
  screenshotCount: number;
  testAccount?: string | null;
  /** Categories of the submission, with the tree's qualification flags (what category.require.query reports). */
  categories: { name: string; needLicense: boolean; needOutDoorPic?: boolean; needSpecialLicense?: boolean }[];
  /** What was sent with audit.apply: licence number, name, validity and pictures; door photo; special licences. */
  licence: { number: boolean; name: boolean; validDate: boolean; pictures: number };
  outDoorPics: number;
  specialLicencePics: number;
}

/**
 * Rule 5 (sandbox rule for "the matching fields"): a business licence is its number, name, validity and at least
 * one picture; a door photo is out_door_pic; a special licence is at least one special licence picture.
 */
export function missingQualifications(s: Pick<AuditSubject, 'categories' | 'licence' | 'outDoorPics' | 'specialLicencePics'>): string[] {
  const reasons: string[] = [];
  const names = (pick: (c: AuditSubject['categories'][number]) => boolean | undefined) => [...new Set(s.categories.filter(pick).map((c) => c.name))].join('、');
  const l = s.licence;
  const licenceMissing = [!l.number && '执照编号', !l.name && '执照名称', !l.validDate && '有效期', l.pictures < 1 && '执照照片'].filter(Boolean);
  const needLicence = names((c) => c.needLicense);
  if (needLicence && licenceMissing.length) reasons.push(`类目“${needLicence}”需要营业执照资质，缺少${licenceMissing.join('、')}`);
  const needDoor = names((c) => c.needOutDoorPic);
  if (needDoor && s.outDoorPics < 1) reasons.push(`类目“${needDoor}”需要门头照，但未提供`);
  const needSpecial = names((c) => c.needSpecialLicense);
  if (needSpecial && s.specialLicencePics < 1) reasons.push(`类目“${needSpecial}”需要特殊行业许可证，但未提供`);
  return reasons;
}

/** Region, product and service words that on their own do not distinguish a business. */
export const GENERIC_WORDS = [
  // regions
  '北京', '上海', '天津', '重庆', '广州', '深圳', '杭州', '南京', '苏州', '成都', '武汉', '西安', '长沙', '郑州', '青岛', '厦门',
  '宁波', '合肥', '福州', '济南', '昆明', '本地', '同城', '附近', '城市', '全国', '国内', '中国', '国家', '省', '市', '区', '县',
  // products
  '鲜花', '花店', '蛋糕', '水果', '生鲜', '蔬菜', '咖啡', '奶茶', '茶饮', '美食', '小吃', '快餐', '外卖', '餐饮', '餐厅', '饭店',
  '火锅', '烧烤', '面馆', '超市', '便利店', '商城', '商店', '百货', '服装', '男装', '女装', '童装', '男鞋', '女鞋', '鞋', '包',
  '珠宝', '手机', '数码', '家电', '家具', '建材', '母婴', '宠物', '图书', '药店', '酒店', '民宿', '汽车', '二手',
  // services and fillers
  '服务', '预定', '预订', '预约', '点餐', '点单', '订餐', '订座', '排队', '开锁', '换锁', '家政', '保洁', '维修', '洗衣', '快递',
  '跑腿', '租车', '停车', '充电', '缴费', '旅游', '美容', '美发', '健身', '培训', '教育', '医疗', '休闲', '生活', '购物', '优选',
  '特卖', '团购', '会员', '积分', '在线', '官方', '平台', '中心', '助手', '小程序', '网', '店',
];

const NATIONAL_WORDS = ['全国', '国内', '中国', '国家'];
const PLACEHOLDERS = ['测试', 'test', 'todo', 'xxx'];
const SIGN_IN_WORDS = ['登录', '会员'];

// Longest first, so that "便利店" is removed whole before "店".
const GENERIC_BY_LENGTH = [...GENERIC_WORDS].sort((a, b) => b.length - a.length);

/** What remains of a name once generic words, digits, spaces and punctuation are removed: its brand. */
export function brandPart(name: string): string {
  let rest = name;
  for (const w of GENERIC_BY_LENGTH) rest = rest.split(w).join('');
  return rest.replace(/[\s\d_\p{P}\p{S}]/gu, '');
}

function containsAny(text: string | null | undefined, words: string[]): string | undefined {
  if (!text) return undefined;
  const lower = text.toLowerCase();
  return words.find((w) => lower.includes(w.toLowerCase()));
}

export function reviewRejections(s: AuditSubject): string[] {
  return [...marketingRejections(s), ...admissionRejections(s)];
}

/** Rule 1: with audit_rule=BASE_PROMOTE a marketing failure, which still lets the version in (§5). */
export function marketingRejections(s: AuditSubject): string[] {
  const brand = brandPart(s.appName);
  const national = containsAny(s.appName, NATIONAL_WORDS);
  if (!brand && national) return [`名称含有“${national}”等字样但没有品牌名称，请在名称中体现品牌`];
  if (!brand) return [`名称“${s.appName}”过于宽泛，仅由地域、产品或服务词组成，请在名称中体现品牌`];
  return [];
}

/** Rules 2–5: admission failures. */
export function admissionRejections(s: AuditSubject): string[] {
  const reasons: string[] = [];
  if (misusesPlatformBrand(s.appName)) reasons.push('名称含有“支付宝”“蚂蚁”“阿里”等平台品牌字样，存在品牌或背书误用');
  const placeholder = containsAny(s.appSlogan, PLACEHOLDERS) ?? containsAny(s.appDesc, PLACEHOLDERS);
  if (placeholder) reasons.push(`简介或描述含有“${placeholder}”等测试或占位内容`);
  // Screenshot counts are checked when the audit is submitted (§5 rule 4, rev 2), not by the reviewer.
  const signIn = containsAny(s.versionDesc, SIGN_IN_WORDS);
  if (signIn && !s.testAccount?.trim()) reasons.push(`版本描述提到“${signIn}”，但未提供测试账号`);
  reasons.push(...missingQualifications(s));
  return reasons;
}

/** The reject_reason text for a list of failed rules. */
export function rejectReasonText(reasons: string[]): string {
  return reasons.map((r, i) => `${i + 1}. ${r}`).join('；');
}
