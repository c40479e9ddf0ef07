export default function Loading() {
  return (
    <div role="status" aria-label="Loading usage" className="grid animate-pulse gap-6">
      <div className="h-8 w-40 rounded bg-muted" />
      <div className="h-24 rounded-xl bg-muted" />
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        {Array.from({ length: 8 }, (_, i) => (
          <div key={i} className="h-20 rounded-xl bg-muted" />
        ))}
      </div>
      <div className="h-80 rounded-xl bg-muted" />
      <div className="h-80 rounded-xl bg-muted" />
    </div>
  );
}
