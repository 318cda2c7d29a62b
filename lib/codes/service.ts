// The Codes tab and the page-code batch share this service: mini-program codes (with a history kept by the
// console) and ordinary-QR rules (whose pages the console keeps, since the platform's query omits them).
import 'server-only';
import type { Db } from '@/db';
import { ActionError } from '@/lib/actions/result';
import type { AlipayClient } from '@/lib/alipay/client';
import { bindQrRoute, createQrCode, listQrRoutes, QR_ROUTE_MAX_PAGE_SIZE, unbindQrRoute, type QrRoute } from '@/lib/alipay/codes';
import type { MerchantScope } from '@/lib/alipay/common';
import { AlipayError } from '@/lib/alipay/errors';
import { platformActionError } from '@/lib/actions/platform-error';
import { listVersions } from '@/lib/alipay/versions';
import type { SessionUser } from '@/lib/auth/guard';
import { requireOperableApp } from '@/lib/authorization/tokens';
import type { TokenCipher } from '@/lib/crypto/token-cipher';
import { deleteRoutePage, insertPageCode, insertRoutePage, listPageCodes, listRoutePages } from '@/lib/codes/data';
import type { PageCodeFields } from '@/lib/validation/codes';
import { findOverlap, pageCodeFieldOf, QR_ROUTE_LIMIT, routeFieldOf, TEMPLATE_PREREQUISITE_CODES } from './rules';

export interface CodeDeps {
  cipher: TokenCipher;
  client?: AlipayClient;
  now?: Date;
}

type Actor = Pick<SessionUser, 'id' | 'email'>;

function refusal(e: unknown, fieldOf: (subCode: string | undefined) => string | undefined): ActionError {
  if (e instanceof AlipayError) {
    const prerequisite = (TEMPLATE_PREREQUISITE_CODES as readonly string[]).includes(e.subCode ?? '');
    return platformActionError(e, fieldOf(e.subCode), prerequisite ? { prerequisite: e.subCode! } : undefined);
  }
  return platformActionError(e);
}

// ── Mini-program codes ──────────────────────────────────────────────────────────────────────────────────────

export class NothingOnlineError extends Error {
  constructor() {
    super('codes.errors.noOnline');
    this.name = 'NothingOnlineError';
  }
}

/** `#RRGGBB` → the platform's `0xRRGGBB`. */
export const platformColor = (color: string) => (color ? `0x${color.slice(1).toUpperCase()}` : undefined);

/**
 * The one way a page code is generated, from the tab or a batch: there must be an online version (the code opens
 * it), then the platform draws the three images and the console records them.
 */
export async function generateOnPlatform(input: {
  db: Db;
  client?: AlipayClient;
  scope: MerchantScope;
  merchantAppId: number | null;
  fields: PageCodeFields;
  actor: { id: number | null; email: string };
  batchId?: number | null;
  now?: Date;
}) {
  const online = await listVersions({ ...input.scope, versionStatuses: ['RELEASE'] }, input.client);
  if (!online.length) throw new NothingOnlineError();
  const f = input.fields;
  const images = await createQrCode(
    { ...input.scope, urlParam: f.urlParam, queryParam: f.queryParam || undefined, describe: f.describe, size: f.size, color: platformColor(f.color) },
    input.client,
  );
  let id: number | null = null;
  if (input.merchantAppId !== null) {
    id = insertPageCode(input.db, {
      merchantAppId: input.merchantAppId,
      urlParam: f.urlParam,
      queryParam: f.queryParam || null,
      describe: f.describe,
      size: f.size,
      color: f.color || null,
      qrCodeUrl: images.qrCodeUrl,
      circleWhiteUrl: images.qrCodeUrlCircleWhite ?? null,
      circleBlueUrl: images.qrCodeUrlCircleBlue ?? null,
      actorId: input.actor.id,
      actorEmail: input.actor.email,
      batchId: input.batchId ?? null,
      createdAt: input.now ?? new Date(),
    });
  }
  return { id, onlineVersion: online[0].appVersion, ...images };
}

export async function generateFromTab(db: Db, actor: Actor, input: PageCodeFields & { merchantAppId: number }, deps: CodeDeps) {
  const { appAuthToken } = requireOperableApp(db, deps.cipher, input.merchantAppId);
  const { merchantAppId, ...fields } = input;
  try {
    return await generateOnPlatform({ db, client: deps.client, scope: { appAuthToken }, merchantAppId, fields, actor, now: deps.now });
  } catch (e) {
    if (e instanceof NothingOnlineError) throw new ActionError(e.message, { field: 'urlParam' });
    throw refusal(e, pageCodeFieldOf);
  }
}

export function codeHistory(db: Db, merchantAppId: number) {
  return listPageCodes(db, merchantAppId);
}

// ── Ordinary-QR rules ───────────────────────────────────────────────────────────────────────────────────────

export interface RouteRow {
  routeGroup: string;
  routeUrl: string;
  /** Raw: EXACT, FUZZY, PATTERN or a value the console does not know. */
  mode: string;
  /** The page, as the console recorded it when the rule was added here; null for rules added elsewhere. */
  pageRedirection: string | null;
  createdBy: string | null;
  createdAt: string | null;
}

/** Every rule, across the platform's pages of at most 10. */
export async function allRoutes(scope: MerchantScope, client?: AlipayClient): Promise<QrRoute[]> {
  const out: QrRoute[] = [];
  for (let pageNo = 1; pageNo <= 10; pageNo++) {
    const page = await listQrRoutes({ ...scope, pageNo, pageSize: QR_ROUTE_MAX_PAGE_SIZE }, client);
    out.push(...page.routes);
    if (!page.routes.length || out.length >= page.totalItems) break;
  }
  return out;
}

export async function loadRoutes(db: Db, merchantAppId: number, deps: CodeDeps): Promise<RouteRow[]> {
  const { appAuthToken } = requireOperableApp(db, deps.cipher, merchantAppId);
  const [routes, pages] = [await allRoutes({ appAuthToken }, deps.client), listRoutePages(db, merchantAppId)];
  return routes.map((r) => {
    const own = pages.find((p) => p.routeGroup === r.routeGroup);
    return {
      routeGroup: r.routeGroup,
      routeUrl: r.routeUrl,
      mode: r.mode,
      pageRedirection: own?.pageRedirection ?? null,
      createdBy: own?.createdByEmail ?? null,
      createdAt: own?.createdAt.toISOString() ?? null,
    };
  });
}

export async function bindFromTab(db: Db, actor: Actor, input: { merchantAppId: number; routeUrl: string; mode: 'EXACT' | 'FUZZY'; pageRedirection: string }, deps: CodeDeps) {
  const { appAuthToken } = requireOperableApp(db, deps.cipher, input.merchantAppId);
  let existing: QrRoute[];
  try {
    existing = await allRoutes({ appAuthToken }, deps.client);
  } catch (e) {
    throw refusal(e, routeFieldOf);
  }
  // Refused before sending: the platform would refuse too, with less to go on.
  if (existing.length >= QR_ROUTE_LIMIT) throw new ActionError('codes.errors.routeLimit', { field: 'routeUrl', params: { limit: QR_ROUTE_LIMIT } });
  const clash = findOverlap(input, existing);
  if (clash) throw new ActionError('codes.errors.overlap', { field: 'routeUrl', params: { url: clash.routeUrl, mode: clash.mode } });
  let routeGroup: string;
  try {
    routeGroup = await bindQrRoute({ appAuthToken, routeUrl: input.routeUrl, mode: input.mode, pageRedirection: input.pageRedirection }, deps.client);
  } catch (e) {
    throw refusal(e, routeFieldOf);
  }
  insertRoutePage(db, { ...input, routeGroup, createdById: actor.id, createdByEmail: actor.email }, deps.now ?? new Date());
  return { routeGroup };
}

export async function unbindFromTab(db: Db, input: { merchantAppId: number; routeGroup: string; routeUrl?: string; mode?: string }, deps: CodeDeps) {
  const { appAuthToken } = requireOperableApp(db, deps.cipher, input.merchantAppId);
  try {
    await unbindQrRoute({ appAuthToken, routeGroup: input.routeGroup, routeUrl: input.mode === 'PATTERN' ? input.routeUrl : undefined }, deps.client);
  } catch (e) {
    if (!(e instanceof AlipayError && e.subCode === 'ROUTE_GROUP_NOT_EXIST')) throw refusal(e, routeFieldOf);
    // Already gone on the platform: forget its page too, and say so.
    deleteRoutePage(db, input.merchantAppId, input.routeGroup);
    throw refusal(e, routeFieldOf);
  }
  deleteRoutePage(db, input.merchantAppId, input.routeGroup);
}
