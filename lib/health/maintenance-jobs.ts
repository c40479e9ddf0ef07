import "server-only";
import { env } from "@/lib/env";
import { purgeIdempotencyJob } from "./purge-idempotency-job";
import { purgeJobHistory } from "./purge-job-history";
import type { JobOutcome } from "./record-job-run";
import { runLedgerCheck } from "./run-ledger-check";
import { sweepOrphanedObjects } from "./sweep-orphaned-objects";

export const MAINTENANCE_JOBS = ["ledger-check", "idempotency-retention", "job-retention", "orphan-sweep"] as const;
export type MaintenanceJob = (typeof MAINTENANCE_JOBS)[number];

/** Each job: when it runs (UTC cron, pg-boss), what it is called on the panel, and what it does. */
export const MAINTENANCE: Record<MaintenanceJob, { cron: string; title: string; describe: string; run: () => Promise<JobOutcome> }> = {
  "ledger-check": {
    cron: "*/10 * * * *",
    title: "Ledger check",
    describe: "Every 10 minutes: each workspace's balance and held credits against the ledger (ledger:check).",
    run: runLedgerCheck,
  },
  "idempotency-retention": {
    cron: "17 * * * *",
    title: "Idempotency keys",
    describe: "Hourly: stored idempotent responses older than 24 hours are deleted.",
    run: purgeIdempotencyJob,
  },
  "job-retention": {
    cron: "23 3 * * *",
    title: "Job history",
    describe: "Daily: progress events of edits finished long ago (JOB_EVENTS_RETENTION_DAYS) and maintenance runs older than 90 days.",
    run: () => purgeJobHistory(env.JOB_EVENTS_RETENTION_DAYS),
  },
  "orphan-sweep": {
    cron: "41 3 * * *",
    title: "Orphaned objects",
    describe: "Daily: stored files no image row names, once older than ORPHAN_MIN_AGE_HOURS (younger ones may be uploads in flight).",
    run: () => sweepOrphanedObjects(env.ORPHAN_MIN_AGE_HOURS * 3_600_000),
  },
};

/** The pg-boss queue a job runs on. */
export const maintenanceQueue = (job: MaintenanceJob) => `maintenance-${job}`;
