import type { ReactNode } from "react";

/** One titled block of the Settings page. */
export function SettingsSection({ id, title, description, children, tone }: { id: string; title: string; description?: ReactNode; children: ReactNode; tone?: "danger" }) {
  return (
    <section aria-labelledby={id} className={`rounded-xl border p-4 sm:p-6 ${tone === "danger" ? "border-destructive/40" : "border-border"}`}>
      <h2 id={id} className="text-lg font-semibold">{title}</h2>
      {description ? <p className="mt-1 text-sm text-muted-foreground">{description}</p> : null}
      <div className="mt-4">{children}</div>
    </section>
  );
}
