import "server-only";
import { createHash } from "node:crypto";
import { getPool } from "@/lib/db/client";
import { GatewayError } from "../gateway-error";

export type StoredResponse = { status: number; headers: Record<string, string>; body: Buffer };

export type IdempotencyClaim = { kind: "claimed"; id: string } | { kind: "replay"; response: StoredResponse };

const KEY_PATTERN = /^[\x20-\x7e]{1,255}$/;
const TTL = "24 hours";

/** 1–255 printable ASCII characters, else 400. */
export function validateIdempotencyKey(value: string | null): string | null {
  if (value === null) return null;
  if (!KEY_PATTERN.test(value)) {
    throw new GatewayError("invalid_request", "Idempotency-Key must be 1 to 255 printable ASCII characters.", {
      param: "Idempotency-Key",
    });
  }
  return value;
}

/**
 * Claims (apiKey, key) for this request, atomically: a new key, one whose first use failed, or one older than
 * 24 h is claimed; a running one is 409; a finished one with the same body is replayed; a different body is 422.
 * Stream requests can't be replayed, so any repeat of a stream's key is 409.
 */
export async function claimIdempotencyKey(apiKeyId: string, key: string, rawBody: Uint8Array, stream: boolean): Promise<IdempotencyClaim> {
  const bodyHash = createHash("sha256").update(rawBody).digest("hex");
  const status = stream ? "stream" : "running";
  const { rows } = await getPool().query<{ id: string; claimed: boolean; status: string; body_hash: string; response_status: number | null; response_headers: Record<string, string> | null; response_body: Buffer | null }>(
    `INSERT INTO idempotency_keys (id, api_key_id, key, body_hash, status)
     VALUES (gen_random_uuid(), $1, $2, $3, $4)
     ON CONFLICT (api_key_id, key) DO UPDATE
       SET body_hash = EXCLUDED.body_hash, status = EXCLUDED.status, created_at = now(),
           response_status = NULL, response_headers = NULL, response_body = NULL
       WHERE idempotency_keys.status = 'failed'
          OR idempotency_keys.created_at < now() - interval '${TTL}'
     RETURNING id, true AS claimed, status, body_hash, response_status, response_headers, response_body`,
    [apiKeyId, key, bodyHash, status],
  );
  if (rows[0]) return { kind: "claimed", id: rows[0].id };
  const existing = await getPool().query<{ status: string; body_hash: string; response_status: number | null; response_headers: Record<string, string> | null; response_body: Buffer | null }>(
    `SELECT status, body_hash, response_status, response_headers, response_body FROM idempotency_keys WHERE api_key_id = $1 AND key = $2`,
    [apiKeyId, key],
  );
  const row = existing.rows[0];
  if (!row) return claimIdempotencyKey(apiKeyId, key, rawBody, stream); // purged between the two statements
  if (row.body_hash !== bodyHash) {
    throw new GatewayError("idempotency_key_reused", "This Idempotency-Key was already used with a different request body.");
  }
  if (row.status === "succeeded" && !stream && row.response_status !== null && row.response_body) {
    return { kind: "replay", response: { status: row.response_status, headers: row.response_headers ?? {}, body: row.response_body } };
  }
  throw new GatewayError("idempotency_conflict", "A request with this Idempotency-Key is still in progress or was a stream.");
}

/** Records the outcome: a success stores the response for replay; a failure frees the key. */
export async function finishIdempotencyKey(id: string, result: { ok: true; response: StoredResponse } | { ok: false }): Promise<void> {
  if (!result.ok) {
    await getPool().query(`UPDATE idempotency_keys SET status = 'failed' WHERE id = $1`, [id]);
    return;
  }
  await getPool().query(
    `UPDATE idempotency_keys SET status = CASE WHEN status = 'stream' THEN 'stream' ELSE 'succeeded' END,
            response_status = $2, response_headers = $3, response_body = $4 WHERE id = $1`,
    [id, result.response.status, JSON.stringify(result.response.headers), result.response.body],
  );
}

/** Deletes stored responses older than 24 h. */
export async function purgeIdempotencyKeys(): Promise<number> {
  const { rowCount } = await getPool().query(`DELETE FROM idempotency_keys WHERE created_at < now() - interval '${TTL}'`);
  return rowCount ?? 0;
}
