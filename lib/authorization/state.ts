// The OAuth `state` sent to Alipay with the authorization link: it names the link (hence the merchant) the answer
// belongs to, is HMAC-signed so it cannot be forged or moved to another link, and expires. It is deliberately not
// bound to a browser cookie: merchants often scan the link's QR code and finish in the Alipay app's own browser.
// Instead each state works once: its nonce is recorded when a callback uses it, so a leaked callback URL (history,
// logs, a shared screenshot) cannot attach anyone's mini-programs to the merchant a second time.
import type { Db } from '@/db';
import { insertStateUse } from './data';
import { signValue, verifyValue, type VerifyFailure } from './signed';

export const STATE_TTL_MS = 60 * 60_000;
const PURPOSE = 'authorize-state';

export function createState(masterKey: Buffer, linkId: number, now: number): string {
  return signValue(masterKey, PURPOSE, { l: linkId }, now + STATE_TTL_MS);
}

export interface VerifiedState {
  ok: true;
  linkId: number;
  nonce: string;
  expiresAt: number;
}

export function verifyState(masterKey: Buffer, state: string | null | undefined, now: number): VerifiedState | { ok: false; reason: VerifyFailure | 'missing' } {
  if (!state) return { ok: false, reason: 'missing' };
  const v = verifyValue<{ l?: unknown }>(masterKey, PURPOSE, state, now);
  if (!v.ok) return v;
  const linkId = v.data?.l;
  if (typeof linkId !== 'number' || !Number.isSafeInteger(linkId) || linkId <= 0) return { ok: false, reason: 'malformed' };
  return { ok: true, linkId, nonce: v.nonce, expiresAt: v.expiresAt };
}

/** Records the state's use; false when it was used before. One INSERT, so two callbacks at once cannot both win. */
export function consumeState(db: Db, state: VerifiedState, now: Date): boolean {
  // States past their expiry are refused by verifyState anyway: their rows go with this write.
  return insertStateUse(db, { nonce: state.nonce, linkId: state.linkId, usedAt: now, expiresAt: new Date(state.expiresAt) });
}
