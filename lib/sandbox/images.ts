// Images the sandbox serves under /sandbox/qr/: real QR codes (qrcode.create, experience.query), mini-program logos
// and audit screenshots. URLs are stateless where possible: a QR URL carries the deep link it encodes.
import { eq } from 'drizzle-orm';
import QRCode from 'qrcode';
import type { SandboxContext } from './context';
import { miniApps, versionImages } from './db/schema';

const QR_PREFIX = 'alipays://platformapi/startapp?';
const SIZES = { s: 256, m: 512, l: 1024 } as const;
export type QrSize = keyof typeof SIZES;
export type QrStyle = 'square' | 'circle_white' | 'circle_blue';

export function isQrSize(v: string): v is QrSize {
  return Object.hasOwn(SIZES, v);
}

/** `0x00BFFF` or `#00BFFF` → `#00bfff`, or null. */
export function parseQrColor(v: string): string | null {
  const m = /^(?:0x|#)?([0-9a-f]{6})$/i.exec(v.trim());
  return m ? `#${m[1].toLowerCase()}` : null;
}

/** The deep link a mini-program QR code opens (contract §4 "Codes"). */
export function startAppUrl(appId: string, page: string, query?: string): string {
  let url = `${QR_PREFIX}appId=${appId}&page=${page}`;
  if (query) url += `&query=${encodeURIComponent(query)}`;
  return url;
}

export function experienceSchemaUrl(appId: string, appVersion: string): string {
  return `${QR_PREFIX}appId=${appId}&nbsource=debug&nbsv=${appVersion}&nbsn=TRIAL&nbupdate=synctry`;
}

export function qrImageUrl(appUrl: string, text: string, opts: { size?: QrSize; color?: string | null; style?: QrStyle } = {}): string {
  const q = new URLSearchParams({ text });
  if (opts.size) q.set('size', opts.size);
  if (opts.color) q.set('color', opts.color.replace('#', ''));
  if (opts.style && opts.style !== 'square') q.set('style', opts.style);
  return `${appUrl}/sandbox/qr/code.png?${q}`;
}

export function logoUrl(appUrl: string, appId: string, stamp: number | null): string {
  return `${appUrl}/sandbox/qr/logo/${appId}.png?v=${stamp ?? 0}`;
}

export function versionImageUrl(appUrl: string, imageId: number): string {
  return `${appUrl}/sandbox/qr/image/${imageId}`;
}

export async function renderQrPng(text: string, opts: { size?: string | null; color?: string | null; style?: string | null }): Promise<Buffer> {
  const width = SIZES[(opts.size && isQrSize(opts.size) ? opts.size : 'm') as QrSize];
  const dark = opts.style === 'circle_blue' ? '#1677ff' : (parseQrColor(opts.color ?? '') ?? '#000000');
  return QRCode.toBuffer(text, { type: 'png', width, margin: 2, errorCorrectionLevel: 'M', color: { dark: `${dark}ff`, light: '#ffffffff' } });
}

const notFound = () => new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });

function image(bytes: Buffer, mime: string, cache: string): Response {
  return new Response(new Uint8Array(bytes), { headers: { 'content-type': mime, 'cache-control': cache, 'x-content-type-options': 'nosniff' } });
}

/** Serves `/sandbox/qr/<segments>`. */
export async function serveSandboxImage(ctx: SandboxContext, segments: string[], search: URLSearchParams): Promise<Response> {
  const [head, second] = segments;
  if (segments.length === 1 && head === 'code.png') {
    const text = search.get('text') ?? '';
    // Only platform deep links: the route is not a general-purpose QR renderer.
    if (!text.startsWith(QR_PREFIX) || text.length > 2000) return notFound();
    return image(await renderQrPng(text, { size: search.get('size'), color: search.get('color'), style: search.get('style') }), 'image/png', 'public, max-age=3600');
  }
  if (segments.length === 2 && head === 'logo') {
    const appId = second.replace(/\.png$/, '');
    const app = ctx.db.select({ logo: miniApps.logo, mime: miniApps.logoMime }).from(miniApps).where(eq(miniApps.appId, appId)).get();
    return app?.logo ? image(app.logo, app.mime ?? 'image/png', 'no-cache') : notFound();
  }
  if (segments.length === 2 && head === 'image' && /^\d+$/.test(second)) {
    const img = ctx.db.select().from(versionImages).where(eq(versionImages.id, Number(second))).get();
    return img ? image(img.bytes, img.mime, 'public, max-age=86400') : notFound();
  }
  return notFound();
}
