/** The gallery's shape while its first page loads: header, filters and a grid of placeholder squares. */
export function GallerySkeleton({ tiles = 18 }: { tiles?: number }) {
  return (
    <div aria-busy="true" aria-label="Loading the gallery" className="animate-pulse">
      <div className="mb-6 grid gap-2">
        <div className="h-7 w-32 rounded bg-muted" />
        <div className="h-4 w-64 rounded bg-muted" />
      </div>
      <div className="mb-6 grid gap-3 sm:grid-cols-2 lg:grid-cols-[repeat(4,minmax(0,12rem))]">
        {Array.from({ length: 4 }, (_, i) => (
          <div key={i} className="h-9 rounded-md bg-muted" />
        ))}
      </div>
      <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4 xl:grid-cols-6">
        {Array.from({ length: tiles }, (_, i) => (
          <li key={i} className="aspect-square rounded-lg bg-muted" />
        ))}
      </ul>
    </div>
  );
}
