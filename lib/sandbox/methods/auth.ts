// alipay.open.auth.token.app and .query (contract §3): the ISV's own calls, without app_auth_token.
import { exchangeCode, findByToken, refreshToken, tokenFields, TOKEN_EXPIRES_IN_S } from '../authorization';
import { businessError } from '../errors';
import { formatBeijing } from '../protocol/time';
import type { MethodTable } from './types';
import { baseInfoMethods } from './baseinfo';
import { codeMethods } from './codes';
import { experienceMethods } from './experience';
import { memberMethods } from './members';
import { versionMethods } from './versions';

/** Every method a merchant's token lets the ISV call. */
const MERCHANT_METHODS = Object.entries({ ...versionMethods, ...experienceMethods, ...baseInfoMethods, ...memberMethods, ...codeMethods })
  .filter(([, spec]) => spec.merchant)
  .map(([name]) => name);

export const authMethods: MethodTable = {
  'alipay.open.auth.token.app': {
    merchant: false,
    handle(call) {
      const grant = call.fields.grant_type;
      let issued;
      if (grant === 'authorization_code') {
        if (!call.fields.code) throw businessError('GRANT_TYPE_INVALID', 'grant_type 为 authorization_code 时 code 不能为空');
        issued = exchangeCode(call.ctx, call.isvAppId, call.fields.code);
      } else if (grant === 'refresh_token') {
        if (!call.fields.refresh_token) throw businessError('REFRESH_TOKEN_NOT_VALID', 'refresh_token 不能为空');
        issued = [refreshToken(call.ctx, call.isvAppId, call.fields.refresh_token)];
      } else {
        throw businessError('GRANT_TYPE_INVALID', 'grant_type 只能为 authorization_code 或 refresh_token');
      }
      const tokens = issued.map((a) => tokenFields(a, call.now));
      return { ...tokens[0], tokens };
    },
  },
  'alipay.open.auth.token.app.query': {
    merchant: false,
    handle(call) {
      const a = findByToken(call.ctx, call.fields.app_auth_token ?? '');
      if (!a || a.isvAppId !== call.isvAppId) throw businessError('AUTH_TOKEN_NOT_EXISTED', '应用授权令牌不存在');
      const valid = a.status === 'valid';
      return {
        user_id: a.userId,
        auth_app_id: a.authAppId,
        expires_in: valid ? TOKEN_EXPIRES_IN_S : 0,
        auth_methods: MERCHANT_METHODS,
        auth_start: formatBeijing(a.authStart),
        auth_end: formatBeijing(valid ? a.expiresAt : (a.endedAt ?? a.expiresAt)),
        status: valid ? 'valid' : 'invalid',
      };
    },
  },
};
