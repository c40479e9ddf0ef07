import "server-only";
import { db } from "@/lib/db/client";

/** Remembers the model of the person's latest edit: their studio default from then on, on any device. */
export async function rememberStudioModel(caller: { userId: string }, modelId: string): Promise<void> {
  await db.user.update({ where: { id: caller.userId }, data: { studioModel: modelId }, select: { id: true } });
}
