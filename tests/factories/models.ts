import { randomBytes } from "node:crypto";
import { getPool } from "@/lib/db/client";

/** The public ids the migrations seed the catalog with: the brief's nine image models and the offline one. */
export const SEED_CATALOG = [
  "gpt-image-1",
  "gpt-4o-image",
  "sora_image",
  "flux-kontext-pro",
  "nano-banana",
  "doubao-seedream-4-0-250828",
  "doubao-seededit-3-0-i2i-250628",
  "nano-banana-hd",
  "qwen-image-edit",
  "darkroom-local",
] as const;

export type SeedModelOptions = {
  /** Public id; default `test-<label>-<random>`, so no other test file ever prices or toggles it. */
  id?: string;
  label?: string;
  provider?: "upstream" | "local";
  upstreamName?: string | null;
  enabled?: boolean;
  perRequest?: number;
  perImage?: number;
  per1kPrompt?: number;
  per1kCompletion?: number;
  tokenCeiling?: number;
};

/**
 * A catalog model of the test's own (the seed catalog is shared by every file running in parallel). Inserted
 * with the NOTIFY that setModel sends, so running instances drop their cached catalog; servers started after
 * this see it anyway.
 */
export async function seedModel(options: SeedModelOptions = {}): Promise<string> {
  const id = options.id ?? `test-${options.label ?? "model"}-${randomBytes(4).toString("hex")}`;
  await getPool().query(
    `WITH inserted AS (
       INSERT INTO models (id, display_name, provider, upstream_name, enabled, per_request, per_image, per_1k_prompt,
                           per_1k_completion, token_ceiling, updated_at)
       VALUES ($1, $1, $2::"ModelProvider", $3, $4, $5, $6, $7, $8, $9, now()) RETURNING id)
     SELECT pg_notify('darkroom_models', id) FROM inserted`,
    [
      id,
      options.provider ?? "upstream",
      options.upstreamName ?? null,
      options.enabled ?? true,
      options.perRequest ?? 1,
      options.perImage ?? 2,
      options.per1kPrompt ?? 1,
      options.per1kCompletion ?? 1,
      options.tokenCeiling ?? 4096,
    ],
  );
  return id;
}
