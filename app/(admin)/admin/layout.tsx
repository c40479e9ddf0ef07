import Link from "next/link";
import type { ReactNode } from "react";
import { ShieldCheck } from "lucide-react";
import { AdminNav } from "@/components/admin/admin-nav";
import { requirePlatformAdminPage } from "@/lib/admin/require-platform-admin-page";

export const metadata = { title: { template: "%s · Admin", default: "Admin" } };

// Every page below checks again on its own (layouts may be skipped on client navigation); this one decides the shell.
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const admin = await requirePlatformAdminPage();
  return (
    // Tap targets: every link and field of the console is at least 24 px tall (WCAG 2.2 target size), however
    // small its text; a table cell's link keeps its own box instead of wrapping over the cell.
    <div className="flex min-h-dvh flex-col md:flex-row [&_a]:inline-flex [&_a]:min-h-6 [&_a]:items-center [&_input]:min-h-6 [&_td_a]:max-w-full">
      <aside className="flex flex-col gap-4 border-b border-border p-4 md:w-64 md:shrink-0 md:border-b-0 md:border-r">
        <Link href="/admin" className="flex items-center gap-2 font-semibold tracking-tight">
          <ShieldCheck className="size-5" aria-hidden /> Darkroom admin
        </Link>
        <AdminNav />
        <Link href="/" className="text-sm text-muted-foreground underline-offset-4 hover:underline md:mt-auto">
          Back to the studio
        </Link>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex items-center justify-end border-b border-border px-4 py-3 md:px-6">
          <p className="truncate text-sm text-muted-foreground">
            Signed in as <span className="font-medium text-foreground">{admin.email}</span>
          </p>
        </header>
        <main id="main" className="flex-1 p-4 md:p-6">
          {children}
        </main>
      </div>
    </div>
  );
}
