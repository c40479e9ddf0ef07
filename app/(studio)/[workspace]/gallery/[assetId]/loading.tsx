/** The detail view's shape while it loads: the large image and the details column. */
export default function Loading() {
  return (
    <div aria-busy="true" aria-label="Loading the image" className="grid animate-pulse gap-6 xl:grid-cols-[minmax(0,1fr)_22rem]">
      <div className="aspect-[4/3] rounded-lg bg-muted" />
      <div className="grid content-start gap-4">
        <div className="h-9 w-48 rounded-md bg-muted" />
        {Array.from({ length: 6 }, (_, i) => (
          <div key={i} className="grid gap-2">
            <div className="h-3 w-20 rounded bg-muted" />
            <div className="h-4 w-full rounded bg-muted" />
          </div>
        ))}
      </div>
    </div>
  );
}
