// Turns the words of a prompt into edit steps. Pure (no sharp, no I/O) so the studio UI can preview an edit.
import type { EditOp } from "./types";

/** Applied when the prompt names no edit, so the result is still visibly different from the input. */
export const DEFAULT_EDIT_OPS: readonly EditOp[] = [{ kind: "duotone" }, { kind: "border" }];

/** A prompt repeating "blur" a thousand times must not buy a thousand passes over a 4-megapixel image. */
export const MAX_EDIT_OPS = 12;

type Rule = { pattern: RegExp; build: (match: RegExpMatchArray) => EditOp | null };

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));
const numberOr = (text: string | undefined, fallback: number) => (text === undefined ? fallback : Number(text));

function rotation(degreesText: string | undefined, direction: string | undefined): EditOp | null {
  if (direction) {
    const counter = /left|counter|anti/.test(direction);
    return { kind: "rotate", degrees: counter ? 270 : 90 };
  }
  const degrees = ((Math.round(numberOr(degreesText, 90)) % 360) + 360) % 360;
  return degrees === 0 ? null : { kind: "rotate", degrees };
}

// Each pattern is matched case-insensitively on its own; matches are then ordered by position in the prompt.
const RULES: readonly Rule[] = [
  {
    pattern: /\b(?:gr[ae]y[\s-]?scale|black[\s-]*(?:and|&|n)[\s-]*white|b\s*&\s*w|monochrome|desaturate)\b/gi,
    build: () => ({ kind: "grayscale" }),
  },
  { pattern: /\b(?:invert(?:ed|s)?|negative)\b/gi, build: () => ({ kind: "invert" }) },
  {
    pattern: /\bblur(?:red|ry|s)?\b(?:\s+(?:by\s+|of\s+|radius\s+)?(\d{1,3}(?:\.\d+)?)\b)?/gi,
    build: (m) => ({ kind: "blur", sigma: clamp(numberOr(m[1], 4), 0.5, 40) }),
  },
  { pattern: /\bsharpen(?:ed|s)?\b/gi, build: () => ({ kind: "sharpen" }) },
  {
    pattern:
      /\brotate[sd]?\b(?:\s+(?:it\s+|the\s+image\s+)?(?:by\s+)?(?:(-?\d{1,3})\s*(?:°|deg(?:rees?)?\b)?|(left|right|counter[\s-]?clockwise|anti[\s-]?clockwise|clockwise)\b))?/gi,
    build: (m) => rotation(m[1], m[2]?.toLowerCase()),
  },
  { pattern: /\bupside[\s-]down\b/gi, build: () => ({ kind: "rotate", degrees: 180 }) },
  {
    // "flip horizontally" is what most people call a mirror; a bare "flip" is top-bottom.
    pattern: /\bflip(?:ped|s)?\b(?:\s+(?:it\s+)?(vertical(?:ly)?|horizontal(?:ly)?)\b)?/gi,
    build: (m) => (m[1]?.toLowerCase().startsWith("horizontal") ? { kind: "mirror" } : { kind: "flip" }),
  },
  { pattern: /\bmirror(?:ed|s)?\b/gi, build: () => ({ kind: "mirror" }) },
  { pattern: /\b(?:sepia|vintage)\b/gi, build: () => ({ kind: "sepia" }) },
  { pattern: /\b(?:brighten|brighter|lighten|lighter)\b/gi, build: () => ({ kind: "brightness", factor: 1.3 }) },
  { pattern: /\b(?:darken|darker)\b/gi, build: () => ({ kind: "brightness", factor: 0.7 }) },
  {
    pattern: /\b(?:(less|lower|reduce|decrease|low)\s+)?contrast\b/gi,
    build: (m) => ({ kind: "contrast", factor: m[1] ? 0.7 : 1.4 }),
  },
  { pattern: /\bwarm(?:er|th)?\b/gi, build: () => ({ kind: "temperature", tone: "warm" }) },
  { pattern: /\bcool(?:er)?\b/gi, build: () => ({ kind: "temperature", tone: "cool" }) },
  {
    pattern: /\bpixel(?:ate|ated|ise|ised|ize|ized|ation|isation|ization)\b(?:\s+(\d{1,3})\b)?/gi,
    build: (m) => ({ kind: "pixelate", block: clamp(Math.round(numberOr(m[1], 12)), 2, 128) }),
  },
  { pattern: /\bthumbnail\b/gi, build: () => ({ kind: "resize", width: 256, height: 256 }) },
  {
    pattern: /\bresized?\b(?:\s+(?:it\s+)?(?:to\s+)?(\d{1,4})(?:\s*[x×]\s*(\d{1,4}))?(?:\s*px)?\b)?/gi,
    build: (m) => {
      const width = clamp(numberOr(m[1], 512), 8, 2048);
      return { kind: "resize", width, height: clamp(numberOr(m[2], width), 8, 2048) };
    },
  },
];

/** The edits the prompt names, in prompt order; empty when it names none. */
export function matchEditOps(prompt: string): EditOp[] {
  const found: { start: number; end: number; op: EditOp | null }[] = [];
  for (const rule of RULES) {
    for (const match of prompt.matchAll(rule.pattern)) {
      const start = match.index ?? 0;
      found.push({ start, end: start + match[0].length, op: rule.build(match) });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);

  const ops: EditOp[] = [];
  let consumedUpTo = 0;
  for (const { start, end, op } of found) {
    // "gray scale" must not also count as a bare "scale", nor "flip horizontally" as a second word.
    if (start < consumedUpTo) continue;
    consumedUpTo = end;
    if (op) ops.push(op);
    if (ops.length === MAX_EDIT_OPS) break;
  }
  return ops;
}

/** What darkroom-local will do to an input image for this prompt: the named edits, or the default look. */
export function parseEditOps(prompt: string): EditOp[] {
  const ops = matchEditOps(prompt);
  return ops.length > 0 ? ops : [...DEFAULT_EDIT_OPS];
}
