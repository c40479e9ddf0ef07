export default function Loading() {
  return (
    <div role="status" aria-label="Loading usage records" className="grid animate-pulse gap-6">
      <div className="h-8 w-48 rounded bg-muted" />
      <div className="h-20 rounded-xl bg-muted" />
      <div className="h-96 rounded-xl bg-muted" />
    </div>
  );
}
