import Link from "next/link";
import type { ReactNode } from "react";
import { Aperture } from "lucide-react";
import { UserMenu } from "@/components/shell/user-menu";
import type { CurrentUser } from "@/lib/auth/current-user";

// Not a layout: pages beside the account page (a mailed link's landing) must work without a session.
export function AccountShell({ user, children }: { user: CurrentUser; children: ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="flex items-center justify-between gap-4 border-b border-border px-4 py-3 sm:px-6">
        <Link href="/" className="flex min-h-6 items-center gap-2 font-semibold tracking-tight">
          <Aperture className="size-5" aria-hidden /> Darkroom
        </Link>
        <UserMenu email={user.email} isAdmin={user.role === "admin"} />
      </header>
      <main id="main" className="mx-auto w-full max-w-3xl min-w-0 flex-1 p-4 sm:p-6">
        {children}
      </main>
    </div>
  );
}
