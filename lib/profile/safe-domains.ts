// Server domain whitelist of a merchant's mini-program (contract §4 "Domains"): one domain per call, read back from
// baseinfo.query's safe_domains. A change applies to versions uploaded afterwards only.
import 'server-only';
import type { Db } from '@/db';
import { createSafeDomain, deleteSafeDomain, queryBaseInfo } from '@/lib/alipay/base-info';
import type { AlipayClient } from '@/lib/alipay/client';
import { AlipayError } from '@/lib/alipay/errors';
import { platformActionError } from '@/lib/actions/platform-error';
import { requireOperableApp } from '@/lib/authorization/tokens';
import type { TokenCipher } from '@/lib/crypto/token-cipher';
import { invalidateSnapshot, recordBaseInfo } from './snapshot';

export interface SafeDomainDeps {
  cipher: TokenCipher;
  client?: AlipayClient;
}

function refusal(e: unknown): never {
  throw platformActionError(e, e instanceof AlipayError ? 'safeDomain' : undefined);
}

export async function changeSafeDomain(db: Db, input: { merchantAppId: number; safeDomain: string; remove?: boolean }, deps: SafeDomainDeps): Promise<void> {
  const { app, appAuthToken } = requireOperableApp(db, deps.cipher, input.merchantAppId);
  try {
    if (input.remove) await deleteSafeDomain({ appAuthToken, safeDomain: input.safeDomain }, deps.client);
    else await createSafeDomain({ appAuthToken, safeDomain: input.safeDomain }, deps.client);
  } catch (e) {
    refusal(e);
  }
  // The page shows the list from the stored snapshot: read it back now, or have the page read it.
  try {
    recordBaseInfo(db, app, await queryBaseInfo({ appAuthToken }, deps.client), new Date());
  } catch {
    invalidateSnapshot(db, app.id, 'baseInfo');
  }
}
