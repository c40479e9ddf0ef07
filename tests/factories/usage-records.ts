import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";

/** A usage record written directly (as settle leaves it), for reports and exports. */
export async function seedUsageRecord(
  data: Pick<Prisma.UsageRecordUncheckedCreateInput, "workspaceId" | "userId"> & Partial<Prisma.UsageRecordUncheckedCreateInput>,
) {
  return db.usageRecord.create({
    data: {
      requestId: `req_${randomUUID()}`,
      source: "api",
      model: "darkroom-local",
      status: "succeeded",
      ...data,
    },
  });
}
