import { crc32, deflateSync } from "node:zlib";
import sharp from "sharp";

// Real images made on the spot for the image pipeline's tests; nothing is read from disk.

const RED = { r: 255, g: 0, b: 0 };
const BLUE = { r: 0, g: 0, b: 255 };

export function solidImage(width: number, height: number, background: string | typeof RED = "#3366cc") {
  return sharp({ create: { width, height, channels: 3, background } });
}

/** Left half red, right half blue: a rotation shows in where the colours end up. */
export function twoToneImage(width: number, height: number) {
  const half = Math.floor(width / 2);
  return solidImage(width, height, BLUE).composite([
    { input: { create: { width: half, height, channels: 3, background: RED } }, left: 0, top: 0 },
  ]);
}

/** Gaussian noise, one independent value per pixel (sharp's types want a background even for noise). */
export function noiseImage(width: number, height: number) {
  return sharp({
    create: { width, height, channels: 3, background: "#000", noise: { type: "gaussian", mean: 128, sigma: 70 } },
  });
}

/**
 * Photo-like detail that survives downscaling: coarse noise blown up to the full size, so a thumbnail of it
 * still holds random texture at every pixel (the hardest case for the thumbnail's byte budget).
 */
export async function noisyPhoto(width: number, height: number, grain = 4): Promise<Buffer> {
  const coarse = await noiseImage(Math.ceil(width / grain), Math.ceil(height / grain)).png().toBuffer();
  return sharp(coarse).resize(width, height, { kernel: "cubic" }).jpeg({ quality: 92 }).toBuffer();
}

/** A JPEG carrying camera EXIF, GPS coordinates and an orientation (6: shown turned 90° clockwise). */
export function jpegWithGps(width: number, height: number): Promise<Buffer> {
  return twoToneImage(width, height)
    .withMetadata({ orientation: 6 })
    .withExif({
      IFD0: { Make: "TestCam", Model: "Pipeline 1", Software: "darkroom-tests" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "51/1 30/1 2640/100", GPSLongitudeRef: "W", GPSLongitude: "0/1 7/1 3960/100" },
    })
    .jpeg({ quality: 95 })
    .toBuffer();
}

/** Two frames, red then blue. */
export async function animatedGif(width: number, height: number): Promise<Buffer> {
  const frames = await Promise.all([RED, BLUE].map((c) => solidImage(width, height, c).gif().toBuffer()));
  return sharp(frames, { join: { animated: true } }).gif({ delay: [100, 100], loop: 0 }).toBuffer();
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * A valid, all-black 1-bit greyscale PNG: a 20000 × 20000 one (400 MP) compresses to about 50 KB, a
 * decompression bomb that would take over a gigabyte to decode as RGBA.
 */
export function bombPng(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 1; // bit depth
  header[9] = 0; // greyscale
  const rows = Buffer.alloc((Math.ceil(width / 8) + 1) * height); // filter byte 0 and black pixels: all zero
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", header),
    pngChunk("IDAT", deflateSync(rows, { level: 9 })),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

/** The RGB of one pixel of an encoded image. */
export async function pixelAt(image: Buffer, x: number, y: number): Promise<[number, number, number]> {
  const { data, info } = await sharp(image).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const i = (y * info.width + x) * info.channels;
  return [data[i]!, data[i + 1]!, data[i + 2]!];
}
