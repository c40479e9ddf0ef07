import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { generateApiKey } from "./generate-api-key";
import { API_KEY_NAME_MAX, API_KEY_RPM_MAX } from "./key-limits";

export type CreateApiKeyInput = {
  workspaceId: string;
  membershipId: string;
  /** The member the key acts for; it stops working when they leave the workspace or are disabled. */
  createdById: string;
  name: string;
  /** Allow-list of catalog model ids; empty or absent = every model. */
  models?: string[];
  expiresAt?: Date | null;
  /** Requests per minute; null = the default RATE_LIMIT_RPM. */
  rpm?: number | null;
};

export type CreatedApiKey = { key: string; id: string; prefix: string; last4: string };

function checkInput(input: CreateApiKeyInput): { name: string; models: string[] } {
  const name = input.name.trim();
  if (!name || name.length > API_KEY_NAME_MAX) {
    throw new AppError("invalid_input", `Give the key a name of 1 to ${API_KEY_NAME_MAX} characters`, { field: "name" });
  }
  if (input.rpm != null && (!Number.isSafeInteger(input.rpm) || input.rpm < 1 || input.rpm > API_KEY_RPM_MAX)) {
    throw new AppError("invalid_input", `The rate limit must be a whole number from 1 to ${API_KEY_RPM_MAX}`, { field: "rpm" });
  }
  if (input.expiresAt && !(input.expiresAt.getTime() > Date.now())) {
    throw new AppError("invalid_input", "The expiry date must be in the future", { field: "expiresAt" });
  }
  return { name, models: [...new Set((input.models ?? []).map((m) => m.trim()).filter(Boolean))] };
}

/**
 * Creates a key for a member of a workspace. Returns the key itself, which is never stored and cannot be
 * shown again. Unknown model ids and a membership that doesn't match the workspace and user are refused.
 */
export async function createApiKey(input: CreateApiKeyInput): Promise<CreatedApiKey> {
  const { name, models } = checkInput(input);
  const generated = generateApiKey();
  const id = await db.$transaction(async (tx) => {
    const [membership, known] = await Promise.all([
      tx.membership.findFirst({
        where: { id: input.membershipId, workspaceId: input.workspaceId, userId: input.createdById },
        select: { user: { select: { disabled: true, emailVerifiedAt: true } } },
      }),
      models.length ? tx.model.findMany({ where: { id: { in: models } }, select: { id: true } }) : [],
    ]);
    if (!membership) throw new AppError("not_found", "That member does not belong to this workspace");
    if (membership.user.disabled) throw new AppError("forbidden", "A disabled account cannot own API keys");
    // A key spends credits outside the studio: an address nobody has confirmed must not script that.
    if (!membership.user.emailVerifiedAt) {
      throw new AppError("forbidden", "Verify your email address before creating API keys: use the link we emailed you");
    }
    const unknown = models.filter((m) => !known.some((k) => k.id === m));
    if (unknown.length) {
      throw new AppError("invalid_input", `Unknown model${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")}`, { field: "models" });
    }
    const key = await tx.apiKey.create({
      data: {
        workspaceId: input.workspaceId,
        membershipId: input.membershipId,
        createdById: input.createdById,
        name,
        hash: generated.hash,
        prefix: generated.prefix,
        last4: generated.last4,
        models,
        rpm: input.rpm ?? null,
        expiresAt: input.expiresAt ?? null,
      },
      select: { id: true },
    });
    await tx.auditLog.create({
      data: { actorId: input.createdById, workspaceId: input.workspaceId, action: "api_key.created", target: key.id, data: { name, models } },
    });
    return key.id;
  });
  return { key: generated.key, id, prefix: generated.prefix, last4: generated.last4 };
}
