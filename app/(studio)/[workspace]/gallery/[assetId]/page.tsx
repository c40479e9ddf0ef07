import { notFound } from "next/navigation";
import { AssetActions } from "@/components/gallery/asset-actions";
import { AssetMetadata } from "@/components/gallery/asset-metadata";
import { AssetViewer } from "@/components/gallery/asset-viewer";
import { BeforeAfter } from "@/components/gallery/before-after";
import { LineageTree } from "@/components/gallery/lineage-tree";
import { getAdjacentAssets } from "@/lib/gallery/get-adjacent-assets";
import { getAssetDetail } from "@/lib/gallery/get-asset-detail";
import { assetUrl, downloadUrl, editResultUrl, fileUrl, galleryUrl, runAgainUrl } from "@/lib/gallery/gallery-urls";
import { filtersQuery, firstValues, galleryFiltersSchema } from "@/lib/gallery/schemas";
import { can } from "@/lib/workspaces/permissions";
import { requireMemberWorkspace } from "@/lib/workspaces/require-member-workspace";

export const metadata = { title: "Image" };

export default async function Page({ params, searchParams }: PageProps<"/[workspace]/gallery/[assetId]">) {
  const { workspace: slug, assetId } = await params;
  const { user, workspace } = await requireMemberWorkspace(slug);
  const detail = await getAssetDetail({ userId: user.id }, assetId);
  // An image of another workspace, even one the caller also belongs to, isn't part of this gallery.
  if (!detail || detail.asset.workspaceId !== workspace.id) notFound();

  const filters = galleryFiltersSchema.parse(firstValues(await searchParams));
  const query = filtersQuery(filters);
  const adjacent = await getAdjacentAssets({ userId: user.id }, detail.asset, filters);
  const hrefOf = (id: string) => assetUrl(workspace.slug, id, query);
  const { asset, job } = detail;
  // The one image this result was made from, when there is one (a model combining two inputs has no single "before").
  const source = job?.sources.length === 1 ? job.sources[0]! : null;
  const title = asset.kind === "upload" ? (asset.originalName ?? "Upload") : `Result of ${job?.modelName ?? asset.model ?? "an edit"}`;
  const role = workspace.membership.role;
  const mayCreate = can(role, "images.create");
  const inputIds = job?.inputs.map((i) => i.assetId) ?? [];

  // One column on a phone, in reading order: the image, then what to do with it and its prompt, then the
  // comparison and lineage. From xl, the details sit in a column beside them.
  return (
    <article className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_22rem] xl:grid-rows-[auto_auto_1fr]">
      <div className="grid min-w-0 content-start gap-6 xl:col-start-1 xl:row-start-1">
        <h1 className="sr-only">{title}</h1>
        <AssetViewer
          src={fileUrl(asset.id)}
          alt={job ? `Result of “${job.prompt}”` : title}
          width={asset.width}
          height={asset.height}
          newerHref={adjacent.newer ? hrefOf(adjacent.newer) : null}
          olderHref={adjacent.older ? hrefOf(adjacent.older) : null}
          backHref={galleryUrl(workspace.slug, query)}
        />
      </div>
      <aside aria-label="Details" className="grid min-w-0 content-start gap-6 xl:col-start-2 xl:row-span-3 xl:row-start-1">
        <AssetActions
          workspaceSlug={workspace.slug}
          assetId={asset.id}
          editHref={mayCreate ? editResultUrl(workspace.slug, asset.id) : null}
          runAgainHref={mayCreate && job && inputIds.length ? runAgainUrl(workspace.slug, { inputIds, model: job.model, prompt: job.prompt }) : null}
          downloadHref={downloadUrl(asset.id)}
          mayDelete={asset.creator?.id === user.id || can(role, "images.delete_any")}
          galleryHref={galleryUrl(workspace.slug, query)}
        />
        <AssetMetadata detail={detail} hrefOf={hrefOf} />
      </aside>
      {source ? (
        <section aria-labelledby="compare-title" className="grid min-w-0 content-start gap-3 xl:col-start-1 xl:row-start-2">
          <h2 id="compare-title" className="text-lg font-semibold">
            Before and after
          </h2>
          <BeforeAfter
            before={{ src: fileUrl(source.id), label: "Before: the image it was made from", width: source.width, height: source.height }}
            after={{ src: fileUrl(asset.id), label: "After: this result", width: asset.width, height: asset.height }}
          />
        </section>
      ) : null}
      <section aria-labelledby="lineage-title" className="grid min-w-0 content-start gap-3 xl:col-start-1 xl:row-start-3">
        <h2 id="lineage-title" className="text-lg font-semibold">
          Lineage
        </h2>
        <LineageTree current={asset} lineage={detail.lineage} hrefOf={hrefOf} />
      </section>
    </article>
  );
}
