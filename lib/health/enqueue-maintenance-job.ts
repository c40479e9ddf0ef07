import "server-only";
import { db } from "@/lib/db/client";
import { getEditQueue } from "@/lib/jobs/edit-queue";
import { maintenanceQueue, type MaintenanceJob } from "./maintenance-jobs";

/**
 * Queues a maintenance job now (an admin's "Run now"), audited. Any instance's worker takes it; the queue's
 * `stately` policy refuses a second while one waits. Returns false when one was already waiting.
 */
export async function enqueueMaintenanceJob(job: MaintenanceJob, actorId: string): Promise<boolean> {
  const boss = await getEditQueue();
  const id = await boss.send(maintenanceQueue(job), {});
  if (id) await db.auditLog.create({ data: { actorId, action: "maintenance.requested", target: job } });
  return id !== null;
}
