"use client";

/** A row of toggle buttons (aria-pressed) choosing what a chart draws. */
export function MetricSwitch<T extends string>({ label, options, value, onChange }: { label: string; options: readonly { key: T; label: string }[]; value: T; onChange: (key: T) => void }) {
  return (
    <div role="group" aria-label={label} className="inline-flex flex-wrap rounded-md border border-border p-0.5">
      {options.map((m) => (
        <button
          key={m.key}
          type="button"
          aria-pressed={value === m.key}
          onClick={() => onChange(m.key)}
          className="min-h-6 rounded px-2.5 py-1 text-xs font-medium text-muted-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring aria-pressed:bg-primary aria-pressed:text-primary-foreground"
        >
          {m.label}
        </button>
      ))}
    </div>
  );
}

/** Keeps a client-side choice in the address (without a navigation), so a copied link opens the same view. */
export function rememberInUrl(name: string, value: string) {
  const url = new URL(window.location.href);
  url.searchParams.set(name, value);
  window.history.replaceState(null, "", url);
}
