import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { devMailboxDir } from "./dev-mailbox-dir";

const storedMail = z.object({
  id: z.string(),
  from: z.string(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  sentAt: z.string(),
});

export type DevMail = z.infer<typeof storedMail>;

/** The development mailbox, newest first (at most `limit` messages). */
export async function listDevMailbox(limit = 100): Promise<DevMail[]> {
  const dir = devMailboxDir();
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  // File names start with the send time in ms, so sorting the names sorts by time.
  const newest = names.filter((n) => n.endsWith(".json")).sort().reverse().slice(0, limit);
  const mails = await Promise.all(
    newest.map(async (name) => {
      try {
        const parsed = storedMail.safeParse(JSON.parse(await fs.readFile(path.join(dir, name), "utf8")));
        return parsed.success ? parsed.data : null;
      } catch {
        return null; // removed meanwhile, or half-written: not a message to show
      }
    }),
  );
  return mails.filter((m): m is DevMail => m !== null);
}
