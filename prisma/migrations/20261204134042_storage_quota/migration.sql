-- AlterTable
ALTER TABLE "workspaces" ADD COLUMN     "storage_used" BIGINT NOT NULL DEFAULT 0;

-- What the workspaces already store counts from the start.
UPDATE "workspaces" w SET "storage_used" = s.total
  FROM (SELECT workspace_id, sum(bytes)::bigint AS total FROM "assets" GROUP BY workspace_id) s
 WHERE s.workspace_id = w.id;
