import "server-only";
import sharp from "sharp";
import { applyEditOp } from "@/lib/models/darkroom-local/apply-edit-op";
import { toFrame } from "@/lib/models/darkroom-local/decode-image";
import { encodePng } from "@/lib/models/darkroom-local/encode-png";
import { parseEditOps } from "@/lib/models/darkroom-local/parse-edit-ops";

/** What the landing page's sample edit asks the offline model for. */
export const LANDING_PROMPT = "make it vintage, warmer, with more contrast";
export const LANDING_SIZE = { width: 720, height: 480 } as const;

// A small landscape drawn as SVG (sky, sun, hills, lake): the "photo" the sample edit starts from.
const SCENE = `<svg xmlns="http://www.w3.org/2000/svg" width="${LANDING_SIZE.width}" height="${LANDING_SIZE.height}" viewBox="0 0 720 480">
  <defs>
    <linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#3b82f6"/><stop offset="0.7" stop-color="#bae6fd"/></linearGradient>
    <linearGradient id="lake" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#38bdf8"/><stop offset="1" stop-color="#0c4a6e"/></linearGradient>
  </defs>
  <rect width="720" height="480" fill="url(#sky)"/>
  <circle cx="540" cy="130" r="56" fill="#fde68a"/>
  <path d="M0 300 L140 170 L250 270 L380 140 L520 280 L610 210 L720 290 L720 480 L0 480 Z" fill="#475569"/>
  <path d="M330 190 L380 140 L430 188 L405 180 L380 196 L355 182 Z" fill="#f8fafc"/>
  <path d="M0 330 C160 280 300 350 460 310 C560 286 650 300 720 320 L720 480 L0 480 Z" fill="#15803d"/>
  <rect y="372" width="720" height="108" fill="url(#lake)"/>
  <ellipse cx="540" cy="400" rx="60" ry="6" fill="#fef3c7" opacity="0.7"/>
  <path d="M90 372 L110 300 L130 372 Z M150 372 L166 318 L182 372 Z" fill="#14532d"/>
</svg>`;

const cache = new Map<"before" | "after", Promise<Buffer>>();

async function render(which: "before" | "after"): Promise<Buffer> {
  const before = await sharp(Buffer.from(SCENE)).png().toBuffer();
  if (which === "before") return before;
  // The offline model's own steps, as it runs them for a studio edit of this prompt.
  let frame = await toFrame(sharp(before).toColourspace("srgb"));
  for (const op of parseEditOps(LANDING_PROMPT)) frame = await applyEditOp(frame, op);
  return encodePng(frame, 0);
}

/** The landing page's before/after as PNG bytes, drawn once per process (and at build time: the route is static). */
export function renderLandingSample(which: "before" | "after"): Promise<Buffer> {
  let png = cache.get(which);
  if (!png) {
    png = render(which);
    cache.set(which, png);
  }
  return png;
}
