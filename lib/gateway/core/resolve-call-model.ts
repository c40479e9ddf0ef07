import "server-only";
import { getCatalogModel } from "../catalog/get-catalog-model";
import type { CatalogModel } from "../catalog/catalog-model";
import { GatewayError } from "../gateway-error";

/** The catalog model a key may call: unknown or disabled → 404, outside the key's allow-list → 403. */
export async function resolveCallModel(modelId: string, allowed: readonly string[]): Promise<CatalogModel> {
  const model = await getCatalogModel(modelId);
  if (!model || !model.usable) {
    throw new GatewayError("model_not_found", `The model \`${modelId}\` does not exist or you do not have access to it.`, {
      param: "model",
    });
  }
  if (allowed.length > 0 && !allowed.includes(model.id)) {
    throw new GatewayError("model_not_allowed", `This API key is not allowed to use the model \`${model.id}\`.`, { param: "model" });
  }
  return model;
}
