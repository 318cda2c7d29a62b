// The "odd answers" fault (contract §7, sandbox rule): a successful answer gains an unknown field, loses one
// optional field and has one enum value replaced by a value the contract does not name, so the console's tolerance
// (§8) is exercised against the same shapes the real platform may send.

/** The unknown field added to every odd answer. */
export const ODD_FIELD = 'sandbox_unexpected_field';

/** Per method: where an enum value sits and the unknown value put there. */
const ENUM_SWAPS: Record<string, { path: string[]; value: string }> = {
  'alipay.open.mini.version.list.query': { path: ['app_version_infos', '0', 'version_status'], value: 'PROMOTE_AUDIT_REJECT' },
  'alipay.open.mini.version.detail.query': { path: ['status'], value: 'PROMOTE_AUDIT_REJECT' },
  'alipay.open.mini.experience.query': { path: ['status'], value: 'expVersionFrozen' },
  'alipay.open.mini.baseinfo.modify': { path: ['modify_status'], value: 'PENDING_REVIEW' },
  'alipay.open.auth.token.app.query': { path: ['status'], value: 'frozen' },
  'alipay.open.app.members.query': { path: ['app_member_info_list', '0', 'status'], value: 'FROZEN' },
  'alipay.open.mini.qrcode.query': { path: ['qr_code_route_groups', '0', 'mode'], value: 'PATTERN_PREFIX' },
  'alipay.open.mini.templatelist.query': { path: ['app_list', '0', 'version_list', '0', 'version_status'], value: 'PROMOTE_AUDIT_REJECT' },
  'alipay.open.mini.instantiate.query': { path: ['instantiate_list', '0', 'latest_version_status'], value: 'PROMOTE_AUDIT_REJECT' },
};

/** Optional fields, in the order one is looked for and dropped (the first present one, at any depth). */
const DROPPABLE = [
  'create_time',
  'version_description',
  'gmt_create',
  'reject_reason',
  'exp_schema_url',
  'need_rotation',
  'speed_up_memo',
  'category_names',
  'app_slogan',
  'total_items',
];

type Json = unknown;

function dropFirst(node: Json, key: string): boolean {
  if (Array.isArray(node)) return node.some((item) => dropFirst(item, key));
  if (node && typeof node === 'object') {
    const o = node as Record<string, Json>;
    if (Object.hasOwn(o, key)) {
      delete o[key];
      return true;
    }
    return Object.values(o).some((v) => dropFirst(v, key));
  }
  return false;
}

function swap(node: Json, path: string[], value: string): boolean {
  let cur = node as Record<string, Json> | Json[] | undefined;
  for (const step of path.slice(0, -1)) {
    if (!cur || typeof cur !== 'object') return false;
    cur = (cur as Record<string, Json>)[step] as Record<string, Json> | undefined;
  }
  const last = path.at(-1)!;
  if (!cur || typeof cur !== 'object' || !Object.hasOwn(cur, last)) return false;
  (cur as Record<string, Json>)[last] = value;
  return true;
}

/** The answer made odd; the input is not changed. Only the business fields change: code and msg stay. */
export function oddAnswer(method: string, result: Record<string, unknown>): Record<string, unknown> {
  const out = structuredClone(result);
  const enumSwap = ENUM_SWAPS[method];
  if (enumSwap) swap(out, enumSwap.path, enumSwap.value);
  for (const key of DROPPABLE) if (dropFirst(out, key)) break;
  out[ODD_FIELD] = { note: 'a field the contract does not name' };
  return out;
}
