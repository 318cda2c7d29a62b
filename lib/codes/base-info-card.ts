// The overview's basic-info card per authorized mini-program, as the developer assistant shows it: logo, name,
// slogan, category, whether it is online, and a QR code that opens the online version.
import 'server-only';
import QRCode from 'qrcode';
import type { Db } from '@/db';
import type { MerchantApp } from '@/db/schema';
import { ActionError } from '@/lib/actions/result';
import { queryBaseInfo } from '@/lib/alipay/base-info';
import type { AlipayClient } from '@/lib/alipay/client';
import { alipayUserMessage } from '@/lib/alipay/errors';
import { listVersions } from '@/lib/alipay/versions';
import { requireOperableApp } from '@/lib/authorization/tokens';
import type { TokenCipher } from '@/lib/crypto/token-cipher';

export interface BaseInfoCard {
  merchantAppId: number;
  authAppId: string;
  appName: string | null;
  appLogo: string | null;
  appSlogan: string | null;
  categoryNames: string | null;
  onlineVersion: string | null;
  /** A PNG data URL of the link that opens the mini-program in Alipay; only once online. */
  qrDataUrl: string | null;
  /** A catalog key or the platform's message when the live info could not be read. */
  error: string | null;
}

/** The platform's universal link to open a mini-program; scanning it in Alipay opens the online version. */
export const startAppLink = (appId: string) => `alipays://platformapi/startapp?appId=${appId}`;

export async function loadBaseInfoCard(db: Db, app: MerchantApp, deps: { cipher: TokenCipher; client?: AlipayClient }): Promise<BaseInfoCard> {
  const card: BaseInfoCard = {
    merchantAppId: app.id,
    authAppId: app.authAppId,
    appName: app.appName,
    appLogo: null,
    appSlogan: null,
    categoryNames: null,
    onlineVersion: null,
    qrDataUrl: null,
    error: null,
  };
  try {
    const { appAuthToken } = requireOperableApp(db, deps.cipher, app.id);
    const [info, online] = await Promise.all([queryBaseInfo({ appAuthToken }, deps.client), listVersions({ appAuthToken, versionStatuses: ['RELEASE'] }, deps.client)]);
    card.appName = info.appName ?? app.appName;
    card.appLogo = info.appLogo ?? null;
    card.appSlogan = info.appSlogan ?? null;
    card.categoryNames = info.categoryNames ?? null;
    card.onlineVersion = online[0]?.appVersion ?? null;
    if (card.onlineVersion) card.qrDataUrl = await QRCode.toDataURL(startAppLink(app.authAppId), { width: 240, margin: 1 });
  } catch (e) {
    card.error = e instanceof ActionError ? e.message : alipayUserMessage(e);
  }
  return card;
}
