// The logo rule on an uploaded file's bytes.
import { imageInfo, type ImageInfo } from '@/lib/images/info';

export { imageInfo, type ImageInfo };

export type LogoProblem = 'type' | 'size' | 'square';

/** The contract's logo rule: png or jpg, at most 2 MB, square. */
export function checkLogoBytes(bytes: Buffer, maxBytes: number): { ok: true; info: ImageInfo } | { ok: false; problem: LogoProblem } {
  const info = imageInfo(bytes);
  if (!info) return { ok: false, problem: 'type' };
  if (bytes.length > maxBytes) return { ok: false, problem: 'size' };
  if (info.width !== info.height) return { ok: false, problem: 'square' };
  return { ok: true, info };
}
