// Downloads of the images the platform drew: one image, or every image of a page-code batch as one zip named by
// merchant. Only URLs the platform returned (stored in page_codes) are ever fetched.
import 'server-only';
import JSZip from 'jszip';
import type { PageCode } from '@/db/schema';

export const IMAGE_KINDS = ['square', 'white', 'blue'] as const;
export type ImageKind = (typeof IMAGE_KINDS)[number];

export function imageUrlOf(code: Pick<PageCode, 'qrCodeUrl' | 'circleWhiteUrl' | 'circleBlueUrl'>, kind: ImageKind): string | null {
  if (kind === 'square') return code.qrCodeUrl;
  if (kind === 'white') return code.circleWhiteUrl;
  return code.circleBlueUrl;
}

export async function fetchImage(url: string, timeoutMs = 15_000): Promise<{ bytes: Buffer; type: string }> {
  const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
  if (!res.ok) throw new Error(`image ${res.status}`);
  return { bytes: Buffer.from(await res.arrayBuffer()), type: res.headers.get('content-type') ?? 'image/png' };
}

const ext = (type: string) => (type.includes('jpeg') ? 'jpg' : 'png');

/** A file name safe on every OS, keeping Chinese characters. */
export function safeName(name: string): string {
  return name.replace(/[\\/:*?"<>|\x00-\x1f]/g, '_').replace(/\s+/g, ' ').trim().slice(0, 80) || 'merchant';
}

/** `<merchant>_<appId>/<describe>-<kind>.png`; a failed image is listed in 失败清单.txt instead of failing the zip. */
export async function zipCodes(
  entries: readonly { merchantName: string; authAppId: string; code: Pick<PageCode, 'qrCodeUrl' | 'circleWhiteUrl' | 'circleBlueUrl' | 'describe'> }[],
  fetcher: (url: string) => Promise<{ bytes: Buffer; type: string }> = fetchImage,
): Promise<Buffer> {
  const zip = new JSZip();
  const failures: string[] = [];
  const used = new Set<string>();
  for (const e of entries) {
    let folder = safeName(`${e.merchantName}_${e.authAppId}`);
    for (let n = 2; used.has(folder); n++) folder = safeName(`${e.merchantName}_${e.authAppId}_${n}`);
    used.add(folder);
    for (const kind of IMAGE_KINDS) {
      const url = imageUrlOf(e.code, kind);
      if (!url) continue;
      try {
        const img = await fetcher(url);
        zip.file(`${folder}/${safeName(e.code.describe)}-${kind}.${ext(img.type)}`, img.bytes);
      } catch (err) {
        failures.push(`${folder} ${kind}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }
  if (failures.length) zip.file('失败清单.txt', failures.join('\n'));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
