import Link from "next/link";
import type { CSSProperties } from "react";
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

/** What the image is, for its alt text: the prompt and model of a result, the file name of an upload, and who. */
export function describeTile(item: GalleryTileItem): string {
  const by = item.creatorName ? `, by ${item.creatorName}` : "";
  if (item.kind === "upload") return `Upload${item.originalName ? ` “${item.originalName}”` : ""}${by}`;
  return `Result of “${item.prompt?.trim() || "an edit"}” with ${item.modelName ?? "a model"}${by}`;
}

// Tiles keep the image's shape: each grows from a basis proportional to its width-to-height ratio, so a row
// of them shares one height (a justified grid). Extreme panoramas are held within 1:2.5 and shown whole.
const shape = (item: GalleryTileItem) => Math.min(2.5, Math.max(0.4, item.width / item.height));

/** One thumbnail in its own shape, with its prompt (or file name) under it: a link to the image, or in selection mode a checkbox labelled by it. */
export function GalleryTile({ item, href, selecting, selected, onToggle }: Props) {
  const label = describeTile(item);
  const ratio = shape(item);
  const image = (
    // The file route serves an already small WebP thumbnail: next/image's resizing would only add a hop.
    // eslint-disable-next-line @next/next/no-img-element
    <img src={thumbUrl(item.id)} alt={label} width={item.width} height={item.height} loading="lazy" decoding="async" className="size-full object-contain" />
  );
  const frame = cn("relative block overflow-hidden rounded-lg border border-border bg-muted", selected && "ring-2 ring-primary");
  const frameStyle: CSSProperties = { aspectRatio: ratio };
  const caption = item.kind === "upload" ? (item.originalName ?? "Upload") : item.prompt?.trim() || "Result";
  return (
    <li className="grid min-w-0 content-start gap-1" style={{ flexGrow: ratio, flexBasis: `calc(${ratio} * var(--tile-row))` }}>
      {selecting ? (
        <label className={cn(frame, "cursor-pointer focus-within:ring-2 focus-within:ring-ring")} style={frameStyle}>
          {image}
          <input
            type="checkbox"
            checked={selected}
            onChange={() => onToggle(item.id)}
            aria-label={`Select: ${label}`}
            className="absolute left-2 top-2 size-6 accent-primary"
          />
        </label>
      ) : (
        <Link href={href} className={cn(frame, "focus-visible:outline-2 focus-visible:outline-ring")} style={frameStyle}>
          {image}
        </Link>
      )}
      <div aria-hidden className="grid min-w-0 text-xs">
        <p className="line-clamp-2 break-words text-foreground">{caption}</p>
        <p className="truncate text-muted-foreground">
          {item.kind === "upload" ? "Upload" : (item.modelName ?? "Result")}
          {item.creatorName ? ` · ${item.creatorName}` : ""}
        </p>
      </div>
    </li>
  );
}
