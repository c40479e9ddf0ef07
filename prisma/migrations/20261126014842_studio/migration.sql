-- CreateEnum
CREATE TYPE "AssetKind" AS ENUM ('upload', 'result');

-- CreateEnum
CREATE TYPE "JobStatus" AS ENUM ('queued', 'running', 'succeeded', 'failed', 'cancelled');

-- CreateEnum
CREATE TYPE "JobSource" AS ENUM ('studio', 'api');

-- CreateTable
CREATE TABLE "assets" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "created_by_id" UUID,
    "kind" "AssetKind" NOT NULL,
    "storage_key" TEXT NOT NULL,
    "thumb_key" TEXT NOT NULL,
    "mime" TEXT NOT NULL,
    "bytes" INTEGER NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "dedupe_key" TEXT,
    "original_name" TEXT,
    "job_id" UUID,
    "model" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "assets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "edit_jobs" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "membership_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "source" "JobSource" NOT NULL DEFAULT 'studio',
    "model" TEXT NOT NULL,
    "prompt" TEXT NOT NULL,
    "params" JSONB NOT NULL DEFAULT '{}',
    "status" "JobStatus" NOT NULL DEFAULT 'queued',
    "progress_text" TEXT,
    "request_id" TEXT NOT NULL,
    "hold_id" UUID,
    "usage_record_id" UUID,
    "credits" INTEGER,
    "result_text" TEXT,
    "error" TEXT,
    "cancel_requested" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "edit_jobs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "job_inputs" (
    "job_id" UUID NOT NULL,
    "asset_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "job_inputs_pkey" PRIMARY KEY ("job_id","position")
);

-- CreateTable
CREATE TABLE "job_events" (
    "id" BIGSERIAL NOT NULL,
    "job_id" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "data" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "job_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "assets_workspace_id_created_at_id_idx" ON "assets"("workspace_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "assets_workspace_id_model_created_at_idx" ON "assets"("workspace_id", "model", "created_at" DESC);

-- CreateIndex
CREATE INDEX "assets_workspace_id_created_by_id_created_at_idx" ON "assets"("workspace_id", "created_by_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "assets_job_id_idx" ON "assets"("job_id");

-- CreateIndex
CREATE UNIQUE INDEX "assets_workspace_id_dedupe_key_key" ON "assets"("workspace_id", "dedupe_key");

-- CreateIndex
CREATE UNIQUE INDEX "edit_jobs_request_id_key" ON "edit_jobs"("request_id");

-- CreateIndex
CREATE INDEX "edit_jobs_workspace_id_created_at_idx" ON "edit_jobs"("workspace_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "edit_jobs_status_idx" ON "edit_jobs"("status");

-- CreateIndex
CREATE INDEX "job_inputs_asset_id_idx" ON "job_inputs"("asset_id");

-- CreateIndex
CREATE INDEX "job_events_job_id_id_idx" ON "job_events"("job_id", "id");

-- AddForeignKey
ALTER TABLE "job_inputs" ADD CONSTRAINT "job_inputs_job_id_fkey" FOREIGN KEY ("job_id") REFERENCES "edit_jobs"("id") ON DELETE CASCADE ON UPDATE CASCADE;
