// The console's TokenSource: the authorization gate (requireOperableApp) decrypts the token or explains why not.
import 'server-only';
import { getDb, type Db } from '@/db';
import { ActionError } from '@/lib/actions/result';
import { getTokenCipher, requireOperableApp } from '@/lib/authorization/tokens';
import { TokenUnavailableError, type TokenSource } from './token-source';

export function consoleTokenSource(db: Db = getDb()): TokenSource {
  return {
    async open(item) {
      if (item.merchantAppId === null) throw new TokenUnavailableError('authorization.appNotFound');
      try {
        const { app, merchant, appAuthToken } = requireOperableApp(db, getTokenCipher(), item.merchantAppId);
        return {
          appAuthToken,
          subject: {
            merchant: { name: merchant.name, phone: merchant.mobile, email: merchant.email, contact: merchant.contactName },
            miniApp: { appId: app.authAppId, name: app.appName },
          },
        };
      } catch (e) {
        if (e instanceof ActionError) throw new TokenUnavailableError(e.message);
        throw e;
      }
    },
  };
}
