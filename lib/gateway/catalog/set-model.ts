import "server-only";
import { getPool } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { BOUNDS, wholeNumberRule } from "@/lib/validation/whole-number";
import { MODELS_CHANNEL } from "./create-catalog-cache";
import { invalidateCachedCatalog } from "./list-catalog-models";

export type SetModelInput = {
  id: string;
  enabled?: boolean;
  perRequest?: number;
  perImage?: number;
  per1kPrompt?: number;
  per1kCompletion?: number;
  tokenCeiling?: number;
  /** The provider's name for it; null or "" = the public id. */
  upstreamName?: string | null;
  /** The studio picker's one line about the model. */
  description?: string;
  /** A typical edit's duration in seconds. */
  typicalSeconds?: number;
  actorId?: string | null;
};

const INT_FIELDS = ["perRequest", "perImage", "per1kPrompt", "per1kCompletion", "tokenCeiling"] as const;

// One statement: the change, its audit entry (the old values and the change), and the NOTIFY that empties every
// instance's catalog cache.
const SQL = `
  WITH old AS (
    SELECT id, enabled, per_request, per_image, per_1k_prompt, per_1k_completion, token_ceiling, upstream_name,
           description, typical_seconds
    -- The statement's snapshot: the row before this UPDATE (FOR UPDATE here would find the row this statement
    -- changed and return nothing). Two admins saving the same model at once may each record the same "old".
    FROM models WHERE id = $1
  ), updated AS (
    UPDATE models SET
      enabled = COALESCE($2::boolean, enabled),
      per_request = COALESCE($3::int, per_request),
      per_image = COALESCE($4::int, per_image),
      per_1k_prompt = COALESCE($5::int, per_1k_prompt),
      per_1k_completion = COALESCE($6::int, per_1k_completion),
      token_ceiling = COALESCE($7::int, token_ceiling),
      upstream_name = CASE WHEN $8::boolean THEN $9::text ELSE upstream_name END,
      description = COALESCE($12::text, description),
      typical_seconds = COALESCE($13::int, typical_seconds),
      updated_at = now()
    WHERE id = $1
    RETURNING id
  ), audit AS (
    INSERT INTO audit_logs (id, actor_id, action, target, data)
    SELECT gen_random_uuid(), $10::uuid, 'model.updated', updated.id,
           $11::jsonb || jsonb_build_object('old', to_jsonb(old) - 'id')
    FROM updated JOIN old ON old.id = updated.id
  )
  SELECT id, pg_notify('${MODELS_CHANNEL}', id)::text AS notified FROM updated`;

function checkInput(input: SetModelInput): string | null | undefined {
  for (const field of INT_FIELDS) {
    const value = input[field];
    const bounds = field === "tokenCeiling" ? BOUNDS.tokenCeiling : BOUNDS.price;
    if (value !== undefined && (!Number.isSafeInteger(value) || value < bounds.min || value > bounds.max)) {
      throw new AppError("invalid_input", `${field} must be ${wholeNumberRule(bounds)}`, { field });
    }
  }
  const upstreamName = input.upstreamName === undefined ? undefined : input.upstreamName?.trim() || null;
  if (upstreamName && upstreamName.length > 200) {
    throw new AppError("invalid_input", "upstreamName is too long", { field: "upstreamName" });
  }
  if (input.description !== undefined && input.description.trim().length > 200) {
    throw new AppError("invalid_input", "description is too long (200 characters at most)", { field: "description" });
  }
  if (input.typicalSeconds !== undefined && (!Number.isSafeInteger(input.typicalSeconds) || input.typicalSeconds < 1 || input.typicalSeconds > 86_400)) {
    throw new AppError("invalid_input", "typicalSeconds must be a whole number from 1 to 86400", { field: "typicalSeconds" });
  }
  const changes = [input.enabled, upstreamName, input.description, input.typicalSeconds, ...INT_FIELDS.map((f) => input[f])];
  if (changes.every((v) => v === undefined)) throw new AppError("invalid_input", "Nothing to change");
  return upstreamName;
}

/** Changes a catalog model's switch, prices, upstream name or picker facts (description, typical time); every instance's catalog cache drops it. */
export async function setModel(input: SetModelInput): Promise<void> {
  const upstreamName = checkInput(input);
  const { id, actorId, ...changes } = input;
  const { rowCount } = await getPool().query(SQL, [
    id,
    input.enabled ?? null,
    ...INT_FIELDS.map((f) => input[f] ?? null),
    upstreamName !== undefined,
    upstreamName ?? null,
    actorId ?? null,
    JSON.stringify(changes),
    input.description?.trim() ?? null,
    input.typicalSeconds ?? null,
  ]);
  if (!rowCount) throw new AppError("not_found", `Unknown model: ${id}`);
  invalidateCachedCatalog();
}
