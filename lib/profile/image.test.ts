import { describe, expect, test } from 'vitest';
import { pngBytes } from '@/lib/sandbox/testing/png';
import { jpegBytes } from '@/lib/testing/jpeg';
import { checkLogoBytes, imageInfo } from './image';

describe('the logo reader', () => {
  test('reads a PNG', () => {
    expect(imageInfo(pngBytes(64, 48))).toEqual({ mime: 'image/png', width: 64, height: 48 });
  });

  test('reads a JPEG whatever comes before the frame: JFIF, EXIF, a comment, tables', () => {
    expect(imageInfo(jpegBytes(320, 200))).toEqual({ mime: 'image/jpeg', width: 320, height: 200 });
    expect(imageInfo(jpegBytes(320, 200, { exifOrientation: 6 }))).toEqual({ mime: 'image/jpeg', width: 320, height: 200 });
    expect(imageInfo(jpegBytes(1024, 768, { progressive: true }))).toEqual({ mime: 'image/jpeg', width: 1024, height: 768 });
  });

  test('anything else, or a header cut short, is not an image', () => {
    expect(imageInfo(Buffer.from('GIF89a\x01\x00\x01\x00', 'binary'))).toBeNull();
    expect(imageInfo(Buffer.from('not an image at all'))).toBeNull();
    expect(imageInfo(jpegBytes(10, 10).subarray(0, 40))).toBeNull();
    expect(imageInfo(pngBytes(10, 10).subarray(0, 20))).toBeNull();
    expect(imageInfo(Buffer.alloc(0))).toBeNull();
  });

  test('the logo rule: a square PNG or JPEG within the size limit', () => {
    expect(checkLogoBytes(jpegBytes(200, 200, { exifOrientation: 1 }), 2 * 1024 * 1024)).toMatchObject({ ok: true });
    expect(checkLogoBytes(jpegBytes(200, 100), 2 * 1024 * 1024)).toEqual({ ok: false, problem: 'square' });
    expect(checkLogoBytes(pngBytes(200, 200), 10)).toEqual({ ok: false, problem: 'size' });
    expect(checkLogoBytes(Buffer.from('<svg/>'), 2 * 1024 * 1024)).toEqual({ ok: false, problem: 'type' });
  });
});
