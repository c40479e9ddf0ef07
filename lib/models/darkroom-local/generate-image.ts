// Text-only requests still get an image: a gradient and a disc whose colours and placement come from a hash of
// the prompt, so the same prompt always draws the same picture.
import type { Frame } from "./types";

export const GENERATED_SIDE = 512;

function hashPrompt(prompt: string): number {
  // FNV-1a, 32 bits: tiny, stable across runs and platforms.
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(prompt)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

function seededRandom(seed: number): () => number {
  // mulberry32
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hslToRgb(hue: number, saturation: number, lightness: number): [number, number, number] {
  const chroma = (1 - Math.abs(2 * lightness - 1)) * saturation;
  const channel = (n: number) => {
    const k = (n + hue / 30) % 12;
    return Math.round(255 * (lightness - chroma / 2 * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return [channel(0), channel(8), channel(4)];
}

export function generateImage(prompt: string): Frame {
  const random = seededRandom(hashPrompt(prompt));
  const hue = random() * 360;
  const from = hslToRgb(hue, 0.75, 0.35);
  const to = hslToRgb((hue + 120 + random() * 120) % 360, 0.85, 0.65);
  const disc = hslToRgb((hue + 180) % 360, 0.9, 0.55);
  const angle = random() * 2 * Math.PI;
  const [dx, dy] = [Math.cos(angle), Math.sin(angle)];
  const [cx, cy] = [GENERATED_SIDE * (0.25 + random() * 0.5), GENERATED_SIDE * (0.25 + random() * 0.5)];
  const radius = GENERATED_SIDE * (0.12 + random() * 0.15);

  const side = GENERATED_SIDE;
  const data = Buffer.alloc(side * side * 3);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const offset = (y * side + x) * 3;
      const inDisc = (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
      // Projection on the gradient direction, mapped from [-side/√2, side/√2] to [0, 1].
      const t = Math.min(1, Math.max(0, ((x - side / 2) * dx + (y - side / 2) * dy) / (side * Math.SQRT1_2) / 2 + 0.5));
      for (let c = 0; c < 3; c++) {
        data[offset + c] = inDisc ? disc[c]! : Math.round(from[c]! + (to[c]! - from[c]!) * t);
      }
    }
  }
  return { data, width: side, height: side, channels: 3 };
}
