export default function Loading() {
  return (
    <main id="main" role="status" aria-label="Loading your account" className="mx-auto grid w-full max-w-3xl gap-6 p-4 sm:p-6">
      <div className="h-8 w-40 animate-pulse rounded bg-muted" />
      {Array.from({ length: 4 }, (_, i) => (
        <div key={i} className="h-40 animate-pulse rounded-xl border border-border bg-muted/40" />
      ))}
    </main>
  );
}
