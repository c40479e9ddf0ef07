import "server-only";
import { getPool } from "@/lib/db/client";
import type { AssetKind, JobStatus, WorkspaceRole } from "@/lib/db/generated/client";
import { isUuid } from "@/lib/db/is-uuid";
import { ASSET_SUMMARY_COLUMNS, toAssetSummary, type AssetSummary } from "./asset-summary";
import { listAssetLineage, type AssetLineage } from "./list-asset-lineage";
import { realSourceSql } from "./real-source-sql";

export type Person = { id: string; name: string };

/** One input of a job in its position; `asset` is null when that image has since been deleted. */
export type JobInputEntry = { position: number; assetId: string; asset: AssetSummary | null };

export type ProducingJob = {
  id: string;
  prompt: string;
  model: string;
  /** The catalog's name for the model (its id when the model has left the catalog). */
  modelName: string;
  /** Results asked per input (the studio's "variations"). */
  variations: number;
  status: JobStatus;
  credits: number | null;
  promptTokens: number | null;
  completionTokens: number | null;
  totalTokens: number | null;
  /** Whether the model is a provider's, whose tokens are what it bills; the offline model's token counts are not. */
  tokensBilled: boolean;
  createdAt: Date;
  finishedAt: Date | null;
  creator: Person | null;
  inputs: JobInputEntry[];
  /** Every image the job produced, this one included, in the order they were stored. */
  outputs: AssetSummary[];
  /** The inputs this result was really made from (realSourceSql), in input order; still existing ones only. */
  sources: AssetSummary[];
};

export type AssetDetail = {
  asset: AssetSummary & {
    workspaceId: string;
    mime: string;
    bytes: number;
    sha256: string;
    originalName: string | null;
    creator: Person | null;
  };
  /** Null for uploads (and for results whose job is gone). */
  job: ProducingJob | null;
  lineage: AssetLineage;
  /** The caller's role in the asset's workspace. */
  role: WorkspaceRole;
};

type MainRow = {
  id: string; workspaceId: string; kind: AssetKind; mime: string; bytes: number; width: number; height: number; sha256: string;
  originalName: string | null; model: string | null; createdAt: Date; creatorId: string | null; creatorName: string | null; role: WorkspaceRole;
  jobId: string | null; prompt: string | null; jobModel: string | null; modelName: string | null; variations: number | null; status: JobStatus | null; credits: number | null;
  promptTokens: number | null; completionTokens: number | null; totalTokens: number | null; tokensBilled: boolean; jobCreatedAt: Date | null;
  finishedAt: Date | null; jobUserId: string | null; jobUserName: string | null;
};

// The asset, found only through the caller's membership of its workspace, with its job, the job's usage record
// (tokens) and both people, in one statement.
const MAIN_SQL = `
  SELECT a.id, a.workspace_id AS "workspaceId", a.kind, a.mime, a.bytes, a.width, a.height, a.sha256,
         a.original_name AS "originalName", a.model, a.created_at AS "createdAt",
         a.created_by_id AS "creatorId", COALESCE(cu.name, cu.email) AS "creatorName", m.role,
         j.id AS "jobId", j.prompt, j.model AS "jobModel", COALESCE(md.display_name, j.model) AS "modelName",
         CASE WHEN jsonb_typeof(j.params::jsonb -> 'n') = 'number' THEN floor((j.params::jsonb ->> 'n')::numeric)::int END AS variations, j.status, COALESCE(j.credits, ur.credits) AS credits,
         ur.prompt_tokens AS "promptTokens", ur.completion_tokens AS "completionTokens", ur.total_tokens AS "totalTokens",
         (md.provider IS DISTINCT FROM 'local') AS "tokensBilled",
         j.created_at AS "jobCreatedAt", j.finished_at AS "finishedAt",
         j.user_id AS "jobUserId", COALESCE(ju.name, ju.email) AS "jobUserName"
    FROM assets a
    JOIN memberships m ON m.workspace_id = a.workspace_id AND m.user_id = $2::uuid
    LEFT JOIN users cu ON cu.id = a.created_by_id
    LEFT JOIN edit_jobs j ON j.id = a.job_id AND j.workspace_id = a.workspace_id
    LEFT JOIN users ju ON ju.id = j.user_id
    LEFT JOIN models md ON md.id = j.model
    LEFT JOIN usage_records ur ON ur.id = j.usage_record_id
   WHERE a.id = $1::uuid`;

const INPUTS_SQL = `
  SELECT ji.position, ji.asset_id AS "assetId", ${ASSET_SUMMARY_COLUMNS}
    FROM job_inputs ji LEFT JOIN assets a ON a.id = ji.asset_id AND a.workspace_id = $2
   WHERE ji.job_id = $1 ORDER BY ji.position`;

const OUTPUTS_SQL = `
  SELECT ${ASSET_SUMMARY_COLUMNS} FROM assets a WHERE a.job_id = $1 AND a.workspace_id = $2 ORDER BY a.created_at, a.id`;

const SOURCES_SQL = `
  SELECT ${ASSET_SUMMARY_COLUMNS}
    FROM assets c JOIN job_inputs ji ON ji.job_id = c.job_id JOIN assets a ON a.id = ji.asset_id AND a.workspace_id = c.workspace_id
   WHERE c.id = $1 AND ${realSourceSql("c", "ji")} ORDER BY ji.position`;

type InputRow = { position: number; assetId: string } & { [K in keyof Omit<AssetSummary, "thumbUrl">]: Omit<AssetSummary, "thumbUrl">[K] | null };
type OutputRow = Omit<AssetSummary, "thumbUrl">;

const person = (id: string | null, name: string | null): Person | null => (id ? { id, name: name ?? "Former member" } : null);

/**
 * Everything the detail view shows about one image, for a member of its workspace; null for another
 * workspace's image, a missing one or a malformed id alike.
 */
export async function getAssetDetail(caller: { userId: string }, unverifiedAssetId: string): Promise<AssetDetail | null> {
  if (!isUuid(unverifiedAssetId)) return null;
  const pool = getPool();
  const { rows } = await pool.query<MainRow>(MAIN_SQL, [unverifiedAssetId, caller.userId]);
  const row = rows[0];
  if (!row) return null;
  const verified = { assetId: row.id, workspaceId: row.workspaceId };
  const [inputs, outputs, sources, lineage] = await Promise.all([
    row.jobId ? pool.query<InputRow>(INPUTS_SQL, [row.jobId, row.workspaceId]).then((r) => r.rows) : [],
    row.jobId ? pool.query<OutputRow>(OUTPUTS_SQL, [row.jobId, row.workspaceId]).then((r) => r.rows) : [],
    row.jobId ? pool.query<OutputRow>(SOURCES_SQL, [row.id]).then((r) => r.rows) : [],
    listAssetLineage(verified),
  ]);
  const asset = {
    ...toAssetSummary({ id: row.id, width: row.width, height: row.height, kind: row.kind, model: row.model, createdAt: row.createdAt }),
    workspaceId: row.workspaceId,
    mime: row.mime,
    bytes: row.bytes,
    sha256: row.sha256,
    originalName: row.originalName,
    creator: person(row.creatorId, row.creatorName),
  };
  const job: ProducingJob | null = row.jobId
    ? {
        id: row.jobId,
        prompt: row.prompt ?? "",
        model: row.jobModel ?? "",
        modelName: row.modelName ?? row.jobModel ?? "",
        variations: Math.max(1, row.variations ?? 1),
        status: row.status!,
        credits: row.credits,
        promptTokens: row.promptTokens,
        completionTokens: row.completionTokens,
        totalTokens: row.totalTokens,
        tokensBilled: row.tokensBilled,
        createdAt: row.jobCreatedAt!,
        finishedAt: row.finishedAt,
        creator: person(row.jobUserId, row.jobUserName),
        inputs: inputs.map(({ position, assetId, ...a }) => ({
          position,
          assetId,
          asset: a.id ? toAssetSummary(a as OutputRow) : null,
        })),
        outputs: outputs.map(toAssetSummary),
        sources: sources.map(toAssetSummary),
      }
    : null;
  return { asset, job, lineage, role: row.role };
}
