import { ArrowRight } from "lucide-react";
import type { AssetSummary } from "@/lib/gallery/asset-summary";
import type { AssetLineage } from "@/lib/gallery/list-asset-lineage";
import { AssetThumbLink } from "./asset-thumb-link";

type Props = { current: AssetSummary; lineage: AssetLineage; hrefOf: (id: string) => string };

const describe = (a: AssetSummary, relation: string) => `${relation}: ${a.kind === "upload" ? "upload" : `result of ${a.model ?? "an edit"}`}`;

function Arrow() {
  return (
    <li aria-hidden className="mb-8 shrink-0 text-muted-foreground">
      <ArrowRight className="size-4" />
    </li>
  );
}

function Group({ title, items, hrefOf }: { title: string; items: AssetLineage["ancestors"]; hrefOf: (id: string) => string }) {
  return (
    <li className="grid gap-1">
      <p className="text-xs font-medium text-muted-foreground">{title}</p>
      <ul className="flex gap-2">
        {items.map((a) => (
          <li key={a.id}>
            <AssetThumbLink asset={a} href={hrefOf(a.id)} label={describe(a, a.depth === 1 ? title.replace(/s$/, "") : `${title.replace(/s$/, "")}, ${a.depth} steps away`)} />
          </li>
        ))}
      </ul>
    </li>
  );
}

/**
 * Where this image came from and what was made from it, oldest on the left: ancestors (inputs of its edit, and
 * theirs), this image, descendants (edits made from it, and from those). Each is one click away.
 */
export function LineageStrip({ current, lineage, hrefOf }: Props) {
  const ancestors = [...lineage.ancestors].sort((a, b) => b.depth - a.depth);
  if (!ancestors.length && !lineage.descendants.length) {
    return <p className="text-sm text-muted-foreground">No edits lead to or from this image yet. Edit it again to start its lineage.</p>;
  }
  return (
    <ol aria-label="Lineage, oldest first" className="flex items-end gap-3 overflow-x-auto pb-2">
      {ancestors.length ? <Group title="Ancestors" items={ancestors} hrefOf={hrefOf} /> : null}
      {ancestors.length ? <Arrow /> : null}
      <li className="grid gap-1">
        <p className="text-xs font-medium text-muted-foreground">This image</p>
        <AssetThumbLink asset={current} href={null} label="This image" current />
      </li>
      {lineage.descendants.length ? <Arrow /> : null}
      {lineage.descendants.length ? <Group title="Descendants" items={lineage.descendants} hrefOf={hrefOf} /> : null}
    </ol>
  );
}
