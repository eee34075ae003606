/**
 * image-size: the pixel size an image declares in its header (PNG IHDR, JPEG start of frame, GIF screen, WebP
 * VP8/VP8L/VP8X), read before it is embedded: a 1.5 MB PNG that claims 23000×23000 pixels cost Chromium 4 GB to
 * decode. Only headers are read; nothing is decoded.
 */

export interface PixelSize {
  width: number;
  height: number;
}

/** The size `bytes` (of media type `type`) declares, or null when its header cannot be read. */
export function imageDimensions(bytes: Uint8Array, type: string): PixelSize | null {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    if (type === 'image/png') return data.toString('latin1', 12, 16) === 'IHDR' ? { width: data.readUInt32BE(16), height: data.readUInt32BE(20) } : null;
    if (type === 'image/gif') return { width: data.readUInt16LE(6), height: data.readUInt16LE(8) };
    if (type === 'image/webp') return webpSize(data);
    if (type === 'image/jpeg') return jpegSize(data);
  } catch {
    // A header cut short: no size.
  }
  return null;
}

function webpSize(data: Buffer): PixelSize | null {
  const chunk = data.toString('latin1', 12, 16);
  if (chunk === 'VP8X') return { width: data.readUIntLE(24, 3) + 1, height: data.readUIntLE(27, 3) + 1 };
  if (chunk === 'VP8L') {
    const bits = data.readUInt32LE(21);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8 ') return { width: data.readUInt16LE(26) & 0x3fff, height: data.readUInt16LE(28) & 0x3fff };
  return null;
}

/** The first start-of-frame segment's size, walking the segments from the start of the file. */
function jpegSize(data: Buffer): PixelSize | null {
  let at = 2;
  while (at + 9 <= data.length) {
    if (data[at] !== 0xff) return null;
    const marker = data[at + 1]!;
    // Fill bytes before a marker, and markers without a length.
    if (marker === 0xff) {
      at++;
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2;
      continue;
    }
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) return { width: data.readUInt16BE(at + 7), height: data.readUInt16BE(at + 5) };
    at += 2 + data.readUInt16BE(at + 2);
  }
  return null;
}
