// Chinese texts a user can act on, one per sub_code the contract names. The platform's own sub_msg is the fallback
// for codes not listed here; signature and parameter errors get a text that points at configuration, not the user.

export const SUB_CODE_MESSAGES: Readonly<Record<string, string>> = {
  // Platform and gateway
  'isp.unknow-error': '支付宝服务暂时不可用，请稍后重试',
  SYSTEM_LIMIT: '调用太频繁，已被支付宝限流，请稍后重试',
  'aop.invalid-app-auth-token': '商家授权已失效（可能已取消授权或重新授权），请让商家重新授权',
  'aop.app-auth-token-time-out': '商家授权已过期，请让商家重新授权',
  'isv.missing-method': '请求缺少接口名称（method），请联系技术支持',
  'isv.missing-signature': '请求缺少签名，请检查支付宝应用私钥配置',
  'isv.missing-app-id': '请求缺少应用 ID（app_id），请检查支付宝应用配置',
  'isv.missing-timestamp': '请求缺少时间戳，请联系技术支持',
  'isv.invalid-signature': '请求签名校验失败，请检查应用私钥与支付宝后台的应用公钥是否匹配',
  'isv.invalid-method': '支付宝不支持该接口，请联系技术支持',
  'isv.invalid-app-id': '应用 ID 无效，请检查支付宝应用配置',
  'isv.invalid-timestamp': '请求时间戳无效，请检查服务器时间是否准确',
  'isv.invalid-parameter': '请求参数不合法，请检查填写的内容',
  'isv.code-invalid': '授权码无效或已使用，请让商家重新授权',
  'isv.insufficient-isv-permissions': '服务商应用没有开通该功能的权限，请在支付宝开放平台签约对应产品',
  BUNDLE_ID_NOT_EXIST: '所选客户端（bundle_id）不存在',

  // Authorization tokens
  GRANT_TYPE_INVALID: '授权类型无效',
  REFRESH_TOKEN_NOT_VALID: '刷新令牌无效，请让商家重新授权',
  REFRESH_TOKEN_TIME_OUT: '刷新令牌已过期，请让商家重新授权',
  APP_ID_NOT_CONSISTENT: '授权码不属于当前服务商应用，请使用本应用生成的授权链接重新授权',
  AUTH_TOKEN_NOT_EXISTED: '商家授权令牌不存在，请让商家重新授权',
  AUTH_CODE_NOT_EXIST: '授权码不存在，请让商家重新授权',
  AUTH_CODE_NOT_VALID: '授权码已使用或已过期，请让商家重新授权',
  REFRESH_TOKEN_NOT_EXIST: '刷新令牌不存在，请让商家重新授权',
  AUTH_TOKEN_NOT_FOUND: '找不到商家授权令牌，请让商家重新授权',
  APP_NOT_ISV: '当前应用不是第三方服务商应用，请检查支付宝应用配置',
  AUTH_TOKEN_NOT_CONSISTENT: '授权令牌与当前应用不一致，请让商家重新授权',

  // Versions
  TEMPLATE_ID_IS_BLANK: '请选择模板',
  CODE_TEMPLATE_NOT_EXIST: '模板不存在',
  TEMPLATE_NOT_ONLINE_OR_OFFLINE: '所选模板版本未上架或已下架',
  VERSION_HAS_EXISTED: '该版本号已存在，请使用新的版本号',
  LARGER_VERSION_HAS_EXISTED: '已存在更高的版本号，新版本号必须大于现有所有版本',
  INVALID_VERSION: '版本号格式不正确，应为 x.y.z 数字格式',
  INVALID_EXT_JSON: '模板配置（ext）不是合法的 JSON',
  DEV_VERSION_EXCEED_MAX_COUNT: '开发版本已达 20 个上限，请先删除不用的开发版本',
  TEMPLATE_ID_ISVAPPID_NOT_MATCH: '该模板不属于当前服务商应用',
  BUILD_VERSION_NOT_EXISTED: '找不到该版本的构建记录',
  MINIAPP_VERSION_NOT_EXSIT: '该小程序版本不存在',
  AUDITING_VERSION_NOT_EXIST: '没有审核中的版本，无法撤销审核',
  CAN_NOT_BACK_DEV_WITHOUT_AUDIT: '只有审核通过或被驳回的版本才能退回开发',
  GRAY_STRATEGY_IS_BLANK: '请选择灰度比例',
  GRAY_STRATEGY_IS_INVALID: '灰度比例无效，只能选择 10%、30% 或 50%',
  GRAY_STRATEGY_NOT_ALLOW_REDUCE: '灰度比例只能扩大，不能缩小',
  CAN_NOT_GRAY_WITHOUT_AUDIT_PASS: '只有审核通过的版本才能灰度发布',
  CAN_NOT_END_GRAY_WITHOUT_GRAY: '该版本不在灰度中，无法结束灰度',
  CAN_NOT_ONLINE_WITHOUT_AUDIT: '版本未审核通过，不能上架',
  CAN_NOT_ONLINE_WITHOUT_GRAY: '请先灰度发布，再全量上架',
  CAN_NOT_ONLINE_NOT_GRAY_OR_WAITRELEASE: '只有灰度中或待上架的版本才能上架',
  CAN_NOT_OFFLINE_WITHOUT_ONLINE: '只有已上架的版本才能下架',
  CAN_NOT_OFFLINE_WITH_GRAY: '有版本正在灰度中，请先结束灰度再下架',
  CAN_NOT_ROLLBACK_WITHOUT_ONLINE: '只有已上架的版本才能回滚',
  CAN_NOT_ROLLBACK_WITHOUT_OFFLINE: '没有可回滚到的历史上架版本',
  CAN_NOT_CONTINUOUS_ROLLBACK: '不能连续回滚，请先发布新版本',
  CAN_NOT_ROLLBACK_WITH_GRAY: '有版本正在灰度中，请先结束灰度再回滚',
  CAN_NOT_DELETE_WITHOUT_DEV: '只能删除开发中的版本',
  CAN_NOT_DELETE_WITH_EXPERIENCE: '该版本是体验版，请先取消体验版再删除',
  CAN_NOT_DELETE_WITH_INSTANTIATE: '该版本正在构建，请等待构建完成后再删除',
  CAN_NOT_SET_EXP_REPEAT: '已有体验版，请先取消当前体验版',
  CAN_NOT_SET_EXP_INVALID_STATUS: '该版本当前状态不能设为体验版',
  CAN_NOT_SET_EXP_WITH_ONLINED_STATUS: '已上架过的版本不能设为体验版',
  CAN_NOT_CANCEL_WITHOUT_PACKAGED: '体验版尚未生成，无法取消',
  PAGE_SIZE_EXCEED_MAX_QUERY_SIZE: '每页数量超过上限',
  CAN_NOT_SUBMIT_WITH_AUDIT_GRAY: '已有版本在审核中、待上架、被驳回或灰度中，请先处理该版本再提交审核',
  EXIST_LARGER_ONLINED_VERSION: '已上架的版本比该版本更高，请提交更高的版本',
  CAN_NOT_SUBMIT_WITHOUT_INIT: '只有开发中且已构建完成的版本才能提交审核',
  CAN_NOT_SUBMIT_WITHOUT_SCAN_PASS: '版本的安全扫描尚未通过，请稍后再提交审核',
  MINI_APP_PACKAGE_INFO_NOT_EXIST: '版本尚未构建完成，请稍后再提交审核',
  MINI_APP_INFO_AUDIT_CONTAINS: '小程序基础信息的修改正在审核中，请等审核结束后再提交',
  MINI_APP_VERSION_ITERATION_EXIST: '该小程序有正在进行的版本迭代，请稍后重试或在支付宝开放平台查看',
  CAN_NOT_ONLINE_NO_PROMOTE: '该版本营销审核未通过，支付宝暂不允许上架（can_release=false）',
  CAN_NOT_ONLINE_WITHOUT_REGISTRATION: '小程序尚未完成 ICP 备案，不能正式上架；可选择受限发布，或完成备案后再上架',

  // Audit application and base info
  VERSION_DESC_IS_BLANK: '请填写版本描述',
  INVALID_VERSION_DESC_LENGTH: '版本描述长度需在 30 到 500 个字符之间（汉字按 2 个计）',
  REGION_TYPE_IS_BLANK: '请选择服务区域',
  REGION_TYPE_IS_INVALID: '服务区域无效',
  INVALID_MINI_APP_NAME: '小程序名称只能包含中文、字母、数字、下划线、“+”和“-”',
  INVALID_MINI_APP_EN_NAME: '英文名称只能包含英文字母和数字，不能有空格',
  INVALID_MINI_APP_EN_NAME_LENGTH: '英文名称长度需在 3 到 30 个字符之间',
  // Lengths differ by method (§4): audit.apply 3–40 (汉字按 2 个计), baseinfo.modify 3–30.
  INVALID_MINI_APP_NAME_LENGTH: '小程序名称长度不符合要求（提交审核时 3 到 40 个字符、汉字按 2 个计；修改资料时 3 到 30 个字）',
  INVALID_MINI_APP_SLOGAN_LENGTH: '小程序简介长度需在 10 到 32 个字符之间（汉字按 2 个计）',
  INVALID_MINI_APP_DESC_LENGTH: '小程序描述长度需在 20 到 400 个字符之间（汉字按 2 个计）',
  CATEGORY_NUM_IS_INVALID: '类目数量需在 1 到 4 个之间',
  INVALID_CATEGOTY: '所选类目无效',
  INVALID_CATEGORY: '所选类目无效，请重新选择到最末级类目',
  SERVICE_TEL_IS_BLANK: '请填写客服电话（支付宝已逐步要求必填）',
  INVALID_MINI_APP_SERVICE_MAIL: '客服邮箱格式不正确',
  INVALID_MINI_APP_SERVICE_TEL: '客服电话格式不正确（5 到 30 位数字或 -）',
  INVALID_MINI_APP_SERVICE_PHONE: '客服电话格式不正确（5 到 30 位数字或 -）',
  INVALID_MINI_APP_SERVICE_EMAIL: '客服邮箱格式不正确',
  SERVICE_TEL_AND_MAIL_BOTH_BLANK: '客服电话和客服邮箱至少填写一项',
  SCREEN_SHOTS_ARE_BLANK: '请上传小程序截图',
  SCREEN_SHOT_NUM_IS_INVALID: '小程序截图可以不传，传则需要 2 到 5 张',
  INVALID_SCREEN_SHOT_EXT: '截图只支持 png 或 jpg 格式',
  SCREEN_SHOT_EXCEED_MAX_SIZE: '每张截图不能超过 4 MB',
  INVALID_MINI_APP_MEMO_LENGTH: '审核备注不能超过 500 个字符（汉字按 2 个计）',
  CAN_NOT_MODIFY_NAME_ONCE_ONLINE: '小程序上架后不能再修改名称',
  CANNOT_MODIFY_NAME_AFTER_ONLINE: '小程序上架后不能再修改中英文名称',
  MODIFY_PARAMS_ARE_BLANK: '没有需要修改的内容',
  MINI_APP_NAME_DUPLICATE: '该名称已被其他小程序使用',
  INVALID_LOGO_EXT: '图标只支持 png 或 jpg 格式',
  LOGO_EXCEED_MAX_SIZE: '图标不能超过 2 MB',
  LOGO_HEIGHT_NOT_EQUAL_WIDTH: '图标必须是正方形',
  RISK_DECISION_HIT_BROAD: '小程序名称过于宽泛，请在名称中体现品牌',
  RISK_DECISION_CHECK_FAIL: '提交的内容未通过支付宝风险校验，请修改后重试',
  RISK_DECISION_HIT_BRAND: '提交的内容涉及他人品牌，未通过支付宝风险校验',
  CAN_NOT_MODIFY_EN_ONCE_ONLINE: '小程序上架后不能再修改英文名称',
  DEFAULT_LOGO: '请上传小程序自己的图标，不能使用默认图标',
  OP_FREQUENCY_LIMIT: '修改太频繁，请稍后再试',

  // Qualifications (category.require.query)
  CATEGORY_IS_BLANK: '请至少选择一个类目再查询资质要求',
  CATEGORY_ERROR: '类目不存在，请重新选择到最末级类目',
  PARAMETER_ERROR: '一次最多查询 5 个类目的资质要求',
  INVALID_PARAMS: '资质查询的参数不正确',

  // Server domains (safedomain.create / .delete)
  SAFE_DOMAIN_IS_BLANK: '请填写服务器域名',
  INVALID_SAFE_DOMAIN: '服务器域名格式不正确：只填域名，可带 https:// 或 wss:// 前缀，不能带路径、端口或 IP',
  SAFEDOMAIN_EXCEED_LENGTH: '服务器域名太长',
  SAFEDOMAIN_VOER_LIMIT: '服务器域名已达 30 个上限，请先删除不用的域名',
  SAFEDOMAIN_EXSIT: '该服务器域名已在白名单中',
  SAFEDOMAIN_FORBID: '该域名禁止添加为服务器域名',
  ANTI_PHISHING_EXIST: '该域名存在钓鱼风险，支付宝不允许添加',
  ILLEGAL_PARAMS: '请求参数不合法',
  APPLICATION_TYPE_NOT_MINIAPP: '该应用不是小程序，不能设置服务器域名',

  // Members
  ROLE_OVER_LIMIT: '该角色成员已达上限（开发者 30 人，体验者 50 人）',
  INVALID_LOGON_ID: '支付宝账号格式不正确（应为邮箱或手机号）',
  USER_INFO_NOT_EXIST: '该支付宝账号不存在',
  INVALID_ROLE: '成员角色无效',
  DEVELOPER_ALREADY_EXSIT: '该账号已是开发者',
  EXPERIENCER_ALREADY_EXIST: '该账号已是体验者',
  CANNOT_INVITE_MANAGER: '不能邀请小程序管理员',
  ROLE_NOT_EXSIT: '该成员不存在或已被删除',
  DEVELOPER_ALREADY_REFUSED: '该账号曾拒绝成为开发者，请先删除该成员再重新邀请',
  EXPERIENCER_ALREADY_REFUSED: '该账号曾拒绝成为体验者，请先删除该成员再重新邀请',
  DEV_MANAGER_ALREADY_EXIST: '该账号已是小程序的管理员或开发者',
  USER_ID_IS_BLANK: '缺少成员的用户标识',

  // QR codes and routes
  ROUTE_OVER_LIMIT: '扫码规则已达 20 条上限',
  ROUTE_RULE_CONFLICT: '与已有的扫码规则重复或冲突',
  ROUTE_CREATE_NEED_VERSION: '小程序还没有任何版本，请先上传版本再配置扫码规则',
  QRCODE_ROUTE_URL_INVALID: '二维码地址无效，须以 http://、https:// 或 ftp:// 开头',
  HOST_VERIFY_FAILD: '二维码地址的域名未通过校验',
  ROUTE_GROUP_NOT_EXIST: '该扫码规则不存在',
  TEMPLATE_NOT_HAVE_HOST: '模板小程序上还没有配置该域名：请先在模板上为这个域名配置普通二维码规则，再为商家小程序关联',
  BUILDED_NOT_BY_TEMPLATE: '该小程序的版本不是由模板构建的，不能按模板关联普通二维码',
  TEMPLATE_MISMATCH_ISVAPPID: '小程序所用模板不属于本服务商',
};

// The real codes are MINI_APP_<FIELD>_SENSITIVE (§4); the older APP_<FIELD>_SENSITIVE forms are read alike.
const SENSITIVE_FIELDS: Readonly<Record<string, string>> = {
  APP_NAME: '小程序名称',
  APP_EN_NAME: '小程序英文名称',
  APP_ENGLISH_NAME: '小程序英文名称',
  APP_SLOGAN: '小程序简介',
  APP_DESC: '小程序描述',
  APP_VERSION_DESC: '版本描述',
  VERSION_DESC: '版本描述',
  APP_MEMO: '审核备注',
  MEMO: '审核备注',
  APP_SERVICE_MAIL: '客服邮箱',
  APP_SERVICE_EMAIL: '客服邮箱',
};

const GENERIC_BY_CODE: Readonly<Record<string, string>> = {
  '20000': '支付宝服务暂时不可用，请稍后重试',
  '20001': '商家授权无效，请让商家重新授权',
  '40001': '请求缺少必要参数，请联系技术支持',
  '40002': '请求参数无效，请检查填写的内容',
  '40004': '支付宝拒绝了该操作',
  '40006': '服务商应用没有该接口的权限',
};

const GENERIC = '支付宝返回了错误，请稍后重试或联系技术支持';

// Codes whose sub_msg names the offending field: the user needs that detail too.
const WITH_SUB_MSG = new Set(['isv.invalid-parameter']);

/** The text to show a user for a platform failure: our table, then the platform's sub_msg, then a generic text. */
export function subCodeMessage(code: string, subCode?: string, subMsg?: string): string {
  if (subCode) {
    const known = SUB_CODE_MESSAGES[subCode] ?? SUB_CODE_MESSAGES[subCode.replace(/^(isv|isp|aop)\./, '')];
    if (known) return WITH_SUB_MSG.has(subCode) && subMsg?.trim() ? `${known}（${subMsg.trim()}）` : known;
    const sensitive = /^(?:MINI_)?(.+)_SENSITIVE$/.exec(subCode);
    if (sensitive) return `${SENSITIVE_FIELDS[sensitive[1]] ?? SENSITIVE_FIELDS[`APP_${sensitive[1]}`] ?? '提交的内容'}包含敏感词，请修改后重试`;
  }
  if (subMsg?.trim()) return subMsg.trim();
  return GENERIC_BY_CODE[code] ?? GENERIC;
}
