import { describe, expect, it } from 'vitest';
import { createTranslator } from '@/lib/i18n/core';
import { MESSAGES } from '@/messages';
import { platformText, subCodeMessage } from './sub-code-messages';

const zh = createTranslator(MESSAGES['zh-CN'], 'zh-CN');
const en = createTranslator(MESSAGES.en, 'en');
const zhOf = (subCode: string) => zh(platformText('40004', subCode).key);

// Every sub_code the contract names (CONTRACT.md §2–§4 and the fault rules of §7), copied here on purpose:
// a new code in the contract should fail this test until it has a Chinese text.
const CONTRACT_SUB_CODES = [
  'isp.unknow-error', 'aop.invalid-app-auth-token', 'aop.app-auth-token-time-out', 'isv.missing-method', 'isv.missing-signature',
  'isv.missing-app-id', 'isv.missing-timestamp', 'isv.invalid-signature', 'isv.invalid-method', 'isv.invalid-app-id',
  'isv.invalid-timestamp', 'isv.invalid-parameter', 'isv.code-invalid', 'isv.insufficient-isv-permissions', 'SYSTEM_LIMIT',
  'BUNDLE_ID_NOT_EXIST', 'GRANT_TYPE_INVALID', 'REFRESH_TOKEN_NOT_VALID', 'REFRESH_TOKEN_TIME_OUT', 'APP_ID_NOT_CONSISTENT',
  'AUTH_TOKEN_NOT_EXISTED', 'TEMPLATE_ID_IS_BLANK', 'CODE_TEMPLATE_NOT_EXIST', 'TEMPLATE_NOT_ONLINE_OR_OFFLINE', 'VERSION_HAS_EXISTED',
  'LARGER_VERSION_HAS_EXISTED', 'INVALID_VERSION', 'INVALID_EXT_JSON', 'DEV_VERSION_EXCEED_MAX_COUNT', 'TEMPLATE_ID_ISVAPPID_NOT_MATCH',
  'BUILD_VERSION_NOT_EXISTED', 'MINIAPP_VERSION_NOT_EXSIT', 'AUDITING_VERSION_NOT_EXIST', 'CAN_NOT_BACK_DEV_WITHOUT_AUDIT',
  'GRAY_STRATEGY_IS_BLANK', 'GRAY_STRATEGY_IS_INVALID', 'GRAY_STRATEGY_NOT_ALLOW_REDUCE', 'CAN_NOT_GRAY_WITHOUT_AUDIT_PASS',
  'CAN_NOT_END_GRAY_WITHOUT_GRAY', 'CAN_NOT_ONLINE_WITHOUT_AUDIT', 'CAN_NOT_ONLINE_WITHOUT_GRAY', 'CAN_NOT_ONLINE_NOT_GRAY_OR_WAITRELEASE',
  'CAN_NOT_OFFLINE_WITHOUT_ONLINE', 'CAN_NOT_OFFLINE_WITH_GRAY', 'CAN_NOT_ROLLBACK_WITHOUT_ONLINE', 'CAN_NOT_ROLLBACK_WITHOUT_OFFLINE',
  'CAN_NOT_CONTINUOUS_ROLLBACK', 'CAN_NOT_ROLLBACK_WITH_GRAY', 'CAN_NOT_DELETE_WITHOUT_DEV', 'CAN_NOT_DELETE_WITH_EXPERIENCE',
  'CAN_NOT_DELETE_WITH_INSTANTIATE', 'CAN_NOT_SET_EXP_REPEAT', 'CAN_NOT_SET_EXP_INVALID_STATUS', 'CAN_NOT_SET_EXP_WITH_ONLINED_STATUS',
  'CAN_NOT_CANCEL_WITHOUT_PACKAGED', 'PAGE_SIZE_EXCEED_MAX_QUERY_SIZE', 'CAN_NOT_SUBMIT_WITH_AUDIT_GRAY', 'EXIST_LARGER_ONLINED_VERSION',
  'CAN_NOT_MODIFY_NAME_ONCE_ONLINE', 'SERVICE_TEL_AND_MAIL_BOTH_BLANK', 'SCREEN_SHOTS_ARE_BLANK', 'SCREEN_SHOT_NUM_IS_INVALID',
  'VERSION_DESC_IS_BLANK', 'INVALID_VERSION_DESC_LENGTH', 'REGION_TYPE_IS_BLANK', 'REGION_TYPE_IS_INVALID', 'INVALID_MINI_APP_NAME',
  'INVALID_MINI_APP_NAME_LENGTH', 'INVALID_MINI_APP_SLOGAN_LENGTH', 'INVALID_MINI_APP_DESC_LENGTH', 'CATEGORY_NUM_IS_INVALID',
  'INVALID_MINI_APP_SERVICE_TEL', 'CAN_NOT_SUBMIT_WITHOUT_INIT', 'CANNOT_MODIFY_NAME_AFTER_ONLINE', 'MODIFY_PARAMS_ARE_BLANK',
  'MINI_APP_NAME_DUPLICATE', 'INVALID_CATEGOTY', 'INVALID_LOGO_EXT', 'LOGO_EXCEED_MAX_SIZE', 'LOGO_HEIGHT_NOT_EQUAL_WIDTH',
  'INVALID_MINI_APP_SERVICE_PHONE', 'RISK_DECISION_HIT_BROAD', 'ROLE_OVER_LIMIT', 'INVALID_LOGON_ID', 'USER_INFO_NOT_EXIST',
  'INVALID_ROLE', 'DEVELOPER_ALREADY_EXSIT', 'EXPERIENCER_ALREADY_EXIST', 'CANNOT_INVITE_MANAGER', 'ROLE_NOT_EXSIT', 'ROUTE_OVER_LIMIT',
  'ROUTE_RULE_CONFLICT', 'ROUTE_CREATE_NEED_VERSION', 'QRCODE_ROUTE_URL_INVALID', 'HOST_VERIFY_FAILD', 'ROUTE_GROUP_NOT_EXIST',
];

describe('subCodeMessage', () => {
  it.each(CONTRACT_SUB_CODES)('has a Chinese and an English text for %s', (subCode) => {
    const { key } = platformText('40004', subCode, 'the platform says');
    expect(zh.has(key)).toBe(true);
    expect(zh(key)).toMatch(/[\u4e00-\u9fff]/);
    expect(en(key, { detail: 'x' })).toMatch(/^[\x20-\x7e–]+$/);
  });

  it('prefers our text over the platform sub_msg', () => {
    expect(subCodeMessage('40004', 'ROUTE_OVER_LIMIT', 'route over limit')).toBe(zhOf('ROUTE_OVER_LIMIT'));
  });

  it('finds a code the platform sends with a namespace prefix', () => {
    expect(subCodeMessage('40004', 'isv.ROLE_OVER_LIMIT')).toBe(zhOf('ROLE_OVER_LIMIT'));
  });

  it('names the field of a *_SENSITIVE code', () => {
    expect(subCodeMessage('40004', 'APP_NAME_SENSITIVE')).toBe('小程序名称包含敏感词，请修改后重试');
    expect(subCodeMessage('40004', 'SOMETHING_NEW_SENSITIVE')).toBe('提交的内容包含敏感词，请修改后重试');
  });

  it('adds the field named by an invalid-parameter sub_msg', () => {
    expect(subCodeMessage('40002', 'isv.invalid-parameter', '参数 app_version 不能为空')).toBe('请求参数不合法，请检查填写的内容（参数 app_version 不能为空）');
  });

  it('keeps the failure as a key, so an English reader reads English', () => {
    expect(en(platformText('40004', 'MINI_APP_NAME_SENSITIVE').key)).toBe('The mini-program name contains a sensitive word; change it and try again');
    const detail = platformText('40002', 'isv.invalid-parameter', 'app_version is blank');
    expect(en(detail.key, detail.params)).toBe('A request parameter is not valid; check what was entered (app_version is blank)');
    expect(platformText('40004', 'NEVER_SEEN', '平台的说明')).toEqual({ key: '平台的说明' });
  });

  it('falls back to the sub_msg, then to a text for the result code', () => {
    expect(subCodeMessage('40004', 'NEVER_SEEN', '  平台的说明 ')).toBe('平台的说明');
    expect(subCodeMessage('20000')).toBe('支付宝服务暂时不可用，请稍后重试');
    expect(subCodeMessage('99999', 'NEVER_SEEN')).toMatch(/支付宝/);
  });
});
