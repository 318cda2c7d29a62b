// The overview's basic-info card per authorized mini-program, as the developer assistant shows it: logo, name,
// slogan, category, whether it is online, and a QR code that opens the online version. Rendered from the stored
// snapshot (lib/profile/snapshot.ts); the page reads the platform again behind it when that is old.
import 'server-only';
import QRCode from 'qrcode';
import type { MerchantApp } from '@/db/schema';
import type { MiniAppSnapshot } from '@/lib/profile/snapshot';

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
  /** Nothing has been read from the platform yet: the card waits for the first read. */
  unread: boolean;
}

/** The platform's universal link to open a mini-program; scanning it in Alipay opens the online version. */
export const startAppLink = (appId: string) => `alipays://platformapi/startapp?appId=${appId}`;

export async function baseInfoCardOf(app: Pick<MerchantApp, 'id' | 'authAppId' | 'appName'>, snapshot: MiniAppSnapshot): Promise<BaseInfoCard> {
  const info = snapshot.baseInfo;
  const onlineVersion = snapshot.onlineVersion;
  return {
    merchantAppId: app.id,
    authAppId: app.authAppId,
    appName: info?.appName ?? app.appName,
    appLogo: info?.appLogo ?? null,
    appSlogan: info?.appSlogan ?? null,
    categoryNames: info?.categoryNames ?? null,
    onlineVersion,
    qrDataUrl: onlineVersion ? await QRCode.toDataURL(startAppLink(app.authAppId), { width: 240, margin: 1 }) : null,
    unread: !info,
  };
}
