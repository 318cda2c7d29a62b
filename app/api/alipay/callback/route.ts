// redirect_uri of the authorization link: Alipay sends the merchant's browser here with app_auth_code and state.
// The outcome is shown on /authorize/result; the code, the state and the tokens are never logged.
import { getDb } from '@/lib/db';
import { exchangeAuthCode } from '@/lib/alipay/auth';
import { queryBaseInfo } from '@/lib/alipay/base-info';
import { getAlipaySettings } from '@/lib/alipay/settings';
import { handleAuthorizationCallback, type CallbackOutcome } from '@/lib/authorization/callback';
import { signResult } from '@/lib/authorization/result';
import { getTokenCipher } from '@/lib/authorization/tokens';
import { getConfig } from '@/lib/config';
import { recordOperation } from '@/lib/operation-log/log';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

function resultOf(kind: CallbackOutcome['kind']): 'ok' | 'refused' | 'error' {
  if (kind === 'authorized') return 'ok';
  if (kind === 'refused' || kind === 'forged' || kind === 'conflict' || kind === 'state-used') return 'refused';
  return 'error';
}

export async function GET(request: Request): Promise<Response> {
  const config = getConfig();
  const db = getDb();
  const search = new URL(request.url).searchParams;
  const now = new Date();
  let outcome: CallbackOutcome;
  try {
    outcome = await handleAuthorizationCallback(
      { app_id: search.get('app_id'), app_auth_code: search.get('app_auth_code'), state: search.get('state'), error: search.get('error') },
      {
        db,
        masterKey: config.tokenEncryptionKey,
        cipher: getTokenCipher(),
        isvAppId: getAlipaySettings().appId,
        exchange: (code) => exchangeAuthCode({ code }),
        describeApp: async (token) => (await queryBaseInfo({ appAuthToken: token.appAuthToken })).appName ?? null,
        now,
      },
    );
  } catch (e) {
    // Nothing was committed (the write is one transaction); the merchant sees a clear page, never a stack trace.
    console.error('[authorization] callback failed:', e instanceof Error ? e.message : e);
    outcome = { kind: 'platform-error', merchantId: 0, linkId: 0, message: '授权结果处理失败' };
  }
  recordOperation(db, {
    actor: { id: null, email: 'merchant' },
    action: 'authorization.callback',
    target: 'merchantId' in outcome && outcome.merchantId ? { type: 'merchant', id: outcome.merchantId } : undefined,
    input: 'apps' in outcome ? { apps: outcome.apps.map((a) => a.authAppId) } : undefined,
    result: resultOf(outcome.kind),
    detail: outcome.kind === 'platform-error' ? `${outcome.kind}: ${outcome.subCode ?? outcome.message}` : outcome.kind,
  });
  return redirect(`${config.appUrl}/authorize/result?r=${encodeURIComponent(signResult(config.tokenEncryptionKey, outcome, now.getTime()))}`);
}

function redirect(location: string): Response {
  return new Response(null, { status: 303, headers: { location, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' } });
}
