// Image facts for the acceptance rules, read from the bytes (never from a file name or a declared type). Server side.
import { imageInfo } from '@/lib/profile/image';
import type { StoredImage } from '@/lib/validation/batches';
import type { ImageFacts } from './acceptance';

export function imageFacts(bytes: Buffer): ImageFacts {
  return { bytes: bytes.length, info: imageInfo(bytes) };
}

export const storedImageFacts = (image: StoredImage): ImageFacts => imageFacts(Buffer.from(image.base64, 'base64'));

export async function blobFacts(blob: Blob): Promise<ImageFacts> {
  return imageFacts(Buffer.from(await blob.arrayBuffer()));
}
