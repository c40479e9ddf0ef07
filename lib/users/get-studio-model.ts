import "server-only";
import { db } from "@/lib/db/client";

/** The catalog model this person last ran a studio edit with, or null (never ran one). */
export async function getStudioModel(caller: { userId: string }): Promise<string | null> {
  const row = await db.user.findUnique({ where: { id: caller.userId }, select: { studioModel: true } });
  return row?.studioModel ?? null;
}
