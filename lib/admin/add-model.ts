import "server-only";
import { getPool } from "@/lib/db/client";
import { MODELS_CHANNEL } from "@/lib/gateway/catalog/create-catalog-cache";
import { invalidateCachedCatalog } from "@/lib/gateway/catalog/list-catalog-models";
import { AppError } from "@/lib/errors/app-error";

export type NewModel = {
  id: string;
  displayName: string;
  provider: "upstream" | "local";
  enabled: boolean;
  perRequest: number;
  perImage: number;
  per1kPrompt: number;
  per1kCompletion: number;
  tokenCeiling: number;
  upstreamName: string;
};

// One statement, like setModel's: the row, its audit entry, and the NOTIFY every instance's catalog cache hears.
const SQL = `
  WITH inserted AS (
    INSERT INTO models (id, display_name, provider, upstream_name, enabled, per_request, per_image, per_1k_prompt,
                        per_1k_completion, token_ceiling)
    VALUES ($1, $2, $3::"ModelProvider", NULLIF($4, ''), $5, $6, $7, $8, $9, $10)
    ON CONFLICT (id) DO NOTHING
    RETURNING id
  ), audit AS (
    INSERT INTO audit_logs (id, actor_id, action, target, data)
    SELECT gen_random_uuid(), $11::uuid, 'model.added', id, $12::jsonb FROM inserted
  )
  SELECT id, pg_notify('${MODELS_CHANNEL}', id)::text AS notified FROM inserted`;

/** Adds a catalog model (a platform admin); an id already in the catalog is refused. */
export async function addModel(model: NewModel, actorId: string): Promise<void> {
  const { rowCount } = await getPool().query(SQL, [
    model.id,
    model.displayName,
    model.provider,
    model.upstreamName,
    model.enabled,
    model.perRequest,
    model.perImage,
    model.per1kPrompt,
    model.per1kCompletion,
    model.tokenCeiling,
    actorId,
    JSON.stringify(model),
  ]);
  if (!rowCount) throw new AppError("conflict", "A model with that id already exists.", { field: "id" });
  invalidateCachedCatalog();
}
