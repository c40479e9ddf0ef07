import type { AssetSummary } from "@/lib/gallery/asset-summary";
import type { AssetLineage, LineageEntry } from "@/lib/gallery/list-asset-lineage";
import { cn } from "@/lib/cn";
import { AssetThumbLink } from "./asset-thumb-link";

type Props = { current: AssetSummary & { originalName?: string | null }; lineage: AssetLineage; hrefOf: (id: string) => string };

type Node = { id: string; entry: LineageEntry | null };

// What a node is to the current image: its sources above it, the edits made from it below.
function relationOf(entry: LineageEntry): string {
  if (entry.relation === "ancestor") return entry.depth === 1 ? "Source" : "Earlier source";
  return entry.depth === 1 ? "Edit" : "Later edit";
}

function whatItIs(entry: LineageEntry): string {
  if (entry.kind === "upload") return "upload";
  const prompt = entry.prompt?.trim();
  return `${entry.modelName ?? "an edit"}${prompt ? `: “${prompt.length > 80 ? `${prompt.slice(0, 80)}…` : prompt}”` : ""}`;
}

function Row({ node, current, hrefOf }: { node: Node; current: Props["current"]; hrefOf: Props["hrefOf"] }) {
  const entry = node.entry;
  if (!entry) {
    return (
      <div className="flex items-center gap-3">
        <AssetThumbLink asset={current} href={null} label="This image" current />
        <p className="text-sm font-medium">This image</p>
      </div>
    );
  }
  const label = `${relationOf(entry)}: ${whatItIs(entry)}`;
  return (
    <div className="flex min-w-0 items-center gap-3">
      <AssetThumbLink asset={entry} href={hrefOf(entry.id)} label={label} />
      <p className="min-w-0 text-sm">
        <span className="block text-xs font-medium text-muted-foreground">{relationOf(entry)}</span>
        <span className="line-clamp-2 break-words">{entry.kind === "upload" ? "Upload" : whatItIs(entry)}</span>
      </p>
    </div>
  );
}

/**
 * The lineage as a tree, parent above its children: the first sources at the top, down through this image to
 * the edits made from it. An image with two real sources (a model that combined its inputs) appears under each.
 */
export function LineageTree({ current, lineage, hrefOf }: Props) {
  const entries = new Map([...lineage.ancestors, ...lineage.descendants].map((e) => [e.id, e]));
  if (!entries.size) {
    return <p className="text-sm text-muted-foreground">No edits lead to or from this image yet.</p>;
  }
  const children = new Map<string, string[]>();
  const hasParent = new Set<string>();
  for (const { parentId, childId } of lineage.edges) {
    if (!children.get(parentId)?.includes(childId)) children.set(parentId, [...(children.get(parentId) ?? []), childId]);
    hasParent.add(childId);
  }
  const node = (id: string): Node => ({ id, entry: entries.get(id) ?? null });
  const roots = [current.id, ...entries.keys()].filter((id) => !hasParent.has(id) && (id === current.id || lineage.ancestors.some((a) => a.id === id)));

  // Bounded by the lineage's own limits (depth 8, 48 images a side); `path` stops a cycle, which can't occur.
  function branch(ids: string[], path: string[], depth: number) {
    return (
      <ul aria-label={depth === 0 ? "Lineage, from the first source to the latest edit" : undefined} className={cn("grid gap-2", depth > 0 && "ml-5 border-l border-border pl-4")}>
        {ids.map((id) => (
          <li key={id} className="grid gap-2">
            <Row node={node(id)} current={current} hrefOf={hrefOf} />
            {children.get(id)?.length && !path.includes(id) ? branch(children.get(id)!, [...path, id], depth + 1) : null}
          </li>
        ))}
      </ul>
    );
  }
  return branch(roots.length ? roots : [current.id], [], 0);
}
