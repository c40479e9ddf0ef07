import "server-only";
import path from "node:path";
import { env } from "@/lib/env";

/** Where the development mailbox keeps sent messages, one JSON file each. */
export function devMailboxDir(): string {
  return path.join(env.DATA_DIR, "dev-mailbox");
}
