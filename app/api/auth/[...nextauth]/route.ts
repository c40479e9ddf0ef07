import { handlers } from "@/lib/auth/auth";
import { followRequestHost } from "@/lib/auth/follow-request-host";

export const GET = followRequestHost(handlers.GET);
export const POST = followRequestHost(handlers.POST);
