import { z } from "zod";

export const PLATFORM_PRESETS = ["24h", "7d", "30d", "90d", "12m"] as const;
export type PlatformPreset = (typeof PLATFORM_PRESETS)[number];

/** At most this many buckets per chart: hours over about six weeks at most, days over a few years. */
export const MAX_PLATFORM_BUCKETS = 1000;

const isZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Use YYYY-MM-DD.").refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), "Not a date.");

/** What resolvePlatformRange takes: a preset, or explicit local dates (both inclusive), in an IANA zone. */
export const platformRangeInputSchema = z
  .object({
    preset: z.enum(PLATFORM_PRESETS).optional(),
    from: day.optional(),
    to: day.optional(),
    tz: z.string().max(64).refine(isZone, "Unknown time zone."),
    bucket: z.enum(["hour", "day", "month"]),
  })
  .refine((v) => (v.preset ? !v.from && !v.to : Boolean(v.from && v.to)), "Choose a preset or both dates.")
  .refine((v) => !v.from || !v.to || v.from <= v.to, { message: "The start date is after the end date.", path: ["from"] });
export type PlatformRangeInput = z.input<typeof platformRangeInputSchema>;
