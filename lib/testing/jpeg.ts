// JPEG headers of a chosen size with the markers real cameras and editors write before the frame (JFIF, EXIF with an
// orientation, a comment, quantisation and Huffman tables), for tests of code that reads image dimensions.

function segment(marker: number, body: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head[0] = 0xff;
  head[1] = marker;
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([head, body]);
}

/** An EXIF block (big-endian TIFF) with one entry: the orientation. */
function exif(orientation: number): Buffer {
  const tiff = Buffer.alloc(26);
  tiff.write('MM', 0, 'ascii');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4); // first IFD
  tiff.writeUInt16BE(1, 8); // one entry
  tiff.writeUInt16BE(0x0112, 10); // Orientation
  tiff.writeUInt16BE(3, 12); // SHORT
  tiff.writeUInt32BE(1, 14);
  tiff.writeUInt16BE(orientation, 18);
  tiff.writeUInt32BE(0, 22); // no next IFD
  return Buffer.concat([Buffer.from('Exif\0\0', 'binary'), tiff]);
}

export interface JpegOptions {
  /** An APP1 EXIF block (with this orientation) before the frame. */
  exifOrientation?: number;
  /** SOF2 (progressive) instead of SOF0 (baseline). */
  progressive?: boolean;
}

export function jpegBytes(width: number, height: number, opts: JpegOptions = {}): Buffer {
  const jfif = Buffer.from([0x4a, 0x46, 0x49, 0x46, 0x00, 1, 1, 0, 0, 72, 0, 72, 0, 0]);
  const dqt = Buffer.concat([Buffer.from([0]), Buffer.alloc(64, 1)]);
  const sof = Buffer.alloc(15);
  sof[0] = 8; // precision
  sof.writeUInt16BE(height, 1);
  sof.writeUInt16BE(width, 3);
  sof[5] = 3; // components
  sof.set([1, 0x22, 0, 2, 0x11, 0, 3, 0x11, 0], 6);
  const dht = Buffer.concat([Buffer.from([0]), Buffer.alloc(16, 0)]);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xe0, jfif),
    ...(opts.exifOrientation ? [segment(0xe1, exif(opts.exifOrientation))] : []),
    segment(0xfe, Buffer.from('made by a test \xff\xc0 not a frame', 'binary')),
    segment(0xdb, dqt),
    segment(0xc4, dht),
    segment(opts.progressive ? 0xc2 : 0xc0, sof),
    segment(0xda, Buffer.from([1, 1, 0, 0, 0x3f, 0])),
    Buffer.from([0x00, 0x11, 0x22, 0xff, 0xd9]),
  ]);
}
