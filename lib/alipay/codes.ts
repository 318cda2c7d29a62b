// QR codes that open a page of the mini-program, and "scan an ordinary QR code" routing rules.
import 'server-only';
import { z } from 'zod';
import { getAlipayClient, type AlipayClient } from './client';
import { list, merchantRequest, optionalInteger, optionalText, text, type MerchantScope } from './common';

export interface CreateQrCodeInput extends MerchantScope {
  /** The page path, e.g. `pages/index/index`. */
  urlParam: string;
  /** `k=v&k2=v2`. */
  queryParam?: string;
  describe: string;
  size?: 's' | 'm' | 'l';
  color?: string;
}

const qrCodeSchema = z.object({
  qrCodeUrl: text,
  qrCodeUrlCircleWhite: optionalText,
  qrCodeUrlCircleBlue: optionalText,
});
export type QrCodeImages = z.output<typeof qrCodeSchema>;

export function createQrCode(input: CreateQrCodeInput, client: AlipayClient = getAlipayClient()): Promise<QrCodeImages> {
  return client.call(
    'alipay.open.app.qrcode.create',
    qrCodeSchema,
    merchantRequest(input, {
      url_param: input.urlParam,
      query_param: input.queryParam,
      describe: input.describe,
      size: input.size,
      color: input.color,
    }),
  );
}

export const QR_ROUTE_MODES = ['EXACT', 'FUZZY'] as const;
export type QrRouteMode = (typeof QR_ROUTE_MODES)[number];

export const QR_ROUTE_LIMIT = 20;
export const QR_ROUTE_MAX_PAGE_SIZE = 10;

export interface BindQrRouteInput extends MerchantScope {
  /** Starts with http://, https:// or ftp://. */
  routeUrl: string;
  /** EXACT match, or FUZZY prefix match. */
  mode: QrRouteMode;
  /** The page path the code opens. */
  pageRedirection: string;
  /** `{0}`, `{1}` mark variable path parts. */
  routePattern?: string;
}

const bindSchema = z.object({ routeGroup: text }).transform((r) => r.routeGroup);

/** Adds a routing rule; returns its id (`route_group`). */
export function bindQrRoute(input: BindQrRouteInput, client: AlipayClient = getAlipayClient()): Promise<string> {
  return client.call(
    'alipay.open.mini.qrcode.bind',
    bindSchema,
    merchantRequest(input, { route_url: input.routeUrl, mode: input.mode, page_redirection: input.pageRedirection, route_pattern: input.routePattern }),
  );
}

/** `routeUrl` is needed as well for a PATTERN rule. */
export async function unbindQrRoute(input: MerchantScope & { routeGroup: string; routeUrl?: string }, client: AlipayClient = getAlipayClient()): Promise<void> {
  await client.call('alipay.open.mini.qrcode.unbind', z.object({}), merchantRequest(input, { route_group: input.routeGroup, route_url: input.routeUrl }));
}

/** `mode` is kept raw: EXACT, FUZZY, PATTERN, or whatever else the platform reports (contract §8). */
const routeSchema = z.object({ routeGroup: text, routeUrl: text, mode: text });
export type QrRoute = z.output<typeof routeSchema>;

const routePageSchema = z.object({ qrCodeRouteGroups: list(routeSchema), totalItems: optionalInteger });
export interface QrRoutePage {
  /** The page path is not returned: the console keeps it. */
  routes: QrRoute[];
  totalItems: number;
}

/** One page (from 1, at most 10 per page) of the routing rules. */
export async function listQrRoutes(
  input: MerchantScope & { pageNo?: number; pageSize?: number },
  client: AlipayClient = getAlipayClient(),
): Promise<QrRoutePage> {
  const page = await client.call(
    'alipay.open.mini.qrcode.query',
    routePageSchema,
    merchantRequest(input, { page_no: input.pageNo ?? 1, page_size: input.pageSize ?? QR_ROUTE_MAX_PAGE_SIZE }),
  );
  return { routes: page.qrCodeRouteGroups, totalItems: page.totalItems ?? page.qrCodeRouteGroups.length };
}
