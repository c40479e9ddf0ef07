import "server-only";
import { getPool } from "@/lib/db/client";

/**
 * Why a job could not be claimed (its hold is no longer open), in the words the studio shows, with what its
 * usage record was actually charged: normally nothing (the sweeper released the hold of a job whose worker
 * stopped beating), but a worker that died between settling and finishing the job leaves a real charge.
 */
export async function describeLostHold(usageRecordId: string | null): Promise<{ message: string; credits: number }> {
  const { rows } = usageRecordId
    ? await getPool().query<{ credits: number | null }>(`SELECT credits FROM usage_records WHERE id = $1`, [usageRecordId])
    : { rows: [] };
  const credits = rows[0]?.credits ?? 0;
  if (credits > 0) {
    return { message: `This edit was interrupted after the model had answered, and its results were lost. It was charged ${credits} credit${credits === 1 ? "" : "s"}.`, credits };
  }
  return { message: "This edit was interrupted for too long and was stopped. Nothing was charged.", credits: 0 };
}
