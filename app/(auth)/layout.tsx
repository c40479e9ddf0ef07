import Link from "next/link";
import type { ReactNode } from "react";
import { Aperture } from "lucide-react";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main id="main" className="flex min-h-dvh flex-col items-center justify-center gap-6 bg-muted/40 p-6">
      <Link href="/" className="flex items-center gap-2 text-lg font-semibold tracking-tight">
        <Aperture className="size-6" aria-hidden /> Darkroom
      </Link>
      <div className="w-full max-w-sm">{children}</div>
    </main>
  );
}
