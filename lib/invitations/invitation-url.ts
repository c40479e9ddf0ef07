import "server-only";
import { env } from "@/lib/env";

export function invitationUrl(token: string): string {
  return `${env.PUBLIC_URL}/invite/${token}`;
}
