"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { BarChart3, Images, KeyRound, ScrollText, Settings, Wand2 } from "lucide-react";
import { cn } from "@/lib/cn";

const ITEMS = [
  { segment: "", label: "Studio", icon: Wand2 },
  { segment: "gallery", label: "Gallery", icon: Images },
  { segment: "keys", label: "API keys", icon: KeyRound },
  { segment: "usage", label: "Usage", icon: BarChart3 },
  { segment: "settings", label: "Settings", icon: Settings },
  { segment: "audit", label: "Audit log", icon: ScrollText, adminOnly: true },
] as const;

export function NavLinks({ slug, showAudit = false }: { slug: string; showAudit?: boolean }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Workspace" className="flex gap-1 overflow-x-auto md:flex-col">
      {ITEMS.filter((item) => showAudit || !("adminOnly" in item)).map(({ segment, label, icon: Icon }) => {
        const href = segment ? `/${slug}/${segment}` : `/${slug}`;
        const active = segment ? pathname.startsWith(href) : pathname === href;
        return (
          <Link
            key={label}
            href={href}
            aria-current={active ? "page" : undefined}
            className={cn(
              "flex shrink-0 items-center gap-2 whitespace-nowrap rounded-md px-3 py-2 text-sm font-medium text-muted-foreground transition-colors hover:bg-muted hover:text-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
              active && "bg-muted text-foreground",
            )}
          >
            <Icon className="size-4" aria-hidden />
            {label}
          </Link>
        );
      })}
    </nav>
  );
}
