// Image type and size sniffed from the bytes (file names and declared types are not trusted).
export { imageInfo, type ImageInfo } from '@/lib/images/info';

export const MB = 1024 * 1024;
