// Authorization links: one open link per merchant at a time; making a new one revokes the previous.
import type { Db } from '@/db';
import type { AuthorizationLink, Merchant } from '@/db/schema';
import { ActionError } from '@/lib/actions/result';
import { findLink, findLinkByHash, insertLink, revokeLink, revokeOpenLinks } from '@/lib/authorization/data';
import { findMerchant } from '@/lib/merchants/data';
import { authorizationLinkUrl, generateLinkToken, hashLinkToken, isWellFormedLinkToken, linkState, linkTokenHint } from './link-token';

const DAY_MS = 24 * 60 * 60_000;

export interface CreatedLink {
  link: AuthorizationLink;
  /** The token in clear: returned once, never stored. */
  token: string;
  url: string;
}

export function createAuthorizationLink(
  db: Db,
  input: { merchantId: number; createdById: number | null; ttlDays: number; appUrl: string; now?: Date },
): CreatedLink {
  const now = input.now ?? new Date();
  const merchant = findMerchant(db, input.merchantId);
  if (!merchant) throw new ActionError('merchants.notFound');
  if (merchant.archivedAt) throw new ActionError('merchants.archivedBlocked');
  const token = generateLinkToken();
  // better-sqlite3 is one synchronous connection: queries on `db` inside the callback are part of the transaction.
  const link = db.transaction(() => {
    revokeOpenLinks(db, merchant.id, now);
    return insertLink(db, {
      merchantId: merchant.id,
      tokenHash: hashLinkToken(token),
      tokenHint: linkTokenHint(token),
      expiresAt: new Date(now.getTime() + input.ttlDays * DAY_MS),
      createdById: input.createdById,
      createdAt: now,
    });
  }, { behavior: 'immediate' });
  return { link, token, url: authorizationLinkUrl(input.appUrl, token) };
}

export function revokeAuthorizationLink(db: Db, input: { merchantId: number; linkId: number; now?: Date }): AuthorizationLink {
  const link = findLink(db, input.linkId);
  if (!link || link.merchantId !== input.merchantId) throw new ActionError('authorization.linkNotFound');
  if (link.revokedAt) return link;
  return revokeLink(db, link.id, input.now ?? new Date());
}

export type ResolvedLink =
  | { status: 'active'; link: AuthorizationLink; merchant: Merchant }
  | { status: 'expired' | 'revoked' | 'archived'; link: AuthorizationLink; merchant: Merchant }
  | { status: 'unknown' };

/** What a token in a URL leads to. Malformed tokens are refused before any lookup. */
export function resolveLinkToken(db: Db, token: string, now: Date = new Date()): ResolvedLink {
  if (!isWellFormedLinkToken(token)) return { status: 'unknown' };
  const link = findLinkByHash(db, hashLinkToken(token));
  if (!link) return { status: 'unknown' };
  return resolveLink(db, link, now);
}

export function resolveLink(db: Db, link: AuthorizationLink, now: Date): ResolvedLink {
  const merchant = findMerchant(db, link.merchantId);
  if (!merchant) return { status: 'unknown' };
  const state = linkState(link, now);
  if (state !== 'active') return { status: state, link, merchant };
  if (merchant.archivedAt) return { status: 'archived', link, merchant };
  return { status: 'active', link, merchant };
}
