import { describe, expect, test } from 'vitest';
import { pngBytes } from '@/lib/sandbox/testing/png';
import { jpegBytes } from '@/lib/testing/jpeg';
import { imageInfo } from './images';

describe("the sandbox's image sniffing", () => {
  test('PNG and JPEG, with EXIF and other markers before the frame', () => {
    expect(imageInfo(pngBytes(750, 1334))).toEqual({ mime: 'image/png', width: 750, height: 1334 });
    expect(imageInfo(jpegBytes(750, 1334, { exifOrientation: 8 }))).toEqual({ mime: 'image/jpeg', width: 750, height: 1334 });
    expect(imageInfo(jpegBytes(640, 480, { progressive: true }))).toEqual({ mime: 'image/jpeg', width: 640, height: 480 });
  });

  test('other formats and cut files are refused', () => {
    expect(imageInfo(Buffer.from('GIF89a\x01\x00\x01\x00', 'binary'))).toBeNull();
    expect(imageInfo(jpegBytes(10, 10).subarray(0, 40))).toBeNull();
    expect(imageInfo(Buffer.alloc(3))).toBeNull();
  });
});
