import Link from "next/link";
import { cn } from "@/lib/cn";
import { thumbUrl } from "@/lib/gallery/gallery-urls";
import type { GalleryTileItem } from "./gallery-types";

type Props = {
  item: GalleryTileItem;
  href: string;
  selecting: boolean;
  selected: boolean;
  onToggle: (id: string) => void;
};

function describe(item: GalleryTileItem): string {
  const what = item.kind === "upload" ? "Upload" : `Result of ${item.model ?? "an edit"}`;
  return `${what}${item.creatorName ? ` by ${item.creatorName}` : ""}`;
}

/** One thumbnail: a link to the image, or in selection mode a checkbox labelled by it. */
export function GalleryTile({ item, href, selecting, selected, onToggle }: Props) {
  const label = describe(item);
  const image = (
    // The file route serves an already small WebP thumbnail: next/image's resizing would only add a hop.
    // eslint-disable-next-line @next/next/no-img-element
    <img src={thumbUrl(item.id)} alt={label} width={item.width} height={item.height} loading="lazy" decoding="async" className="size-full object-cover" />
  );
  const frame = cn("relative block aspect-square overflow-hidden rounded-lg border border-border bg-muted", selected && "ring-2 ring-primary");
  return (
    <li className="grid gap-1">
      {selecting ? (
        <label className={cn(frame, "cursor-pointer focus-within:ring-2 focus-within:ring-ring")}>
          {image}
          <input
            type="checkbox"
            checked={selected}
            onChange={() => onToggle(item.id)}
            aria-label={`Select: ${label}`}
            className="absolute left-2 top-2 size-5 accent-primary"
          />
        </label>
      ) : (
        <Link href={href} className={cn(frame, "focus-visible:outline-2 focus-visible:outline-ring")}>
          {image}
        </Link>
      )}
      <p aria-hidden className="truncate text-xs text-muted-foreground">
        {item.kind === "upload" ? "Upload" : (item.model ?? "Result")}
        {item.creatorName ? ` · ${item.creatorName}` : ""}
      </p>
    </li>
  );
}
