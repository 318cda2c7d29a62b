// The kind and size of a PNG or JPEG read from its bytes (never from a file name or a declared type), by image-size.
import { imageSize } from 'image-size';

export interface ImageInfo {
  mime: 'image/png' | 'image/jpeg';
  width: number;
  height: number;
}

const MIME = { png: 'image/png', jpg: 'image/jpeg' } as const;

/** Null for any other format, and for a file too damaged to read. */
export function imageInfo(bytes: Uint8Array): ImageInfo | null {
  // image-size reads through the whole underlying ArrayBuffer: a view (a pooled Buffer, a subarray) is copied so a
  // cut-short file is not completed by whatever lies after it.
  const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes);
  try {
    const { type, width, height } = imageSize(own);
    if ((type === 'png' || type === 'jpg') && width > 0 && height > 0) return { mime: MIME[type], width, height };
  } catch {
    // image-size throws on an unknown or cut-short header.
  }
  return null;
}
