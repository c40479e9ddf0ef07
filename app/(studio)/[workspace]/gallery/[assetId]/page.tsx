import { notFound } from "next/navigation";
import { AssetActions } from "@/components/gallery/asset-actions";
import { AssetMetadata } from "@/components/gallery/asset-metadata";
import { AssetViewer } from "@/components/gallery/asset-viewer";
import { BeforeAfterSlider } from "@/components/gallery/before-after-slider";
import { LineageStrip } from "@/components/gallery/lineage-strip";
import { getAdjacentAssets } from "@/lib/gallery/get-adjacent-assets";
import { getAssetDetail } from "@/lib/gallery/get-asset-detail";
import { assetUrl, downloadUrl, editAgainUrl, fileUrl, galleryUrl } from "@/lib/gallery/gallery-urls";
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
  const firstInput = job?.inputs[0]?.asset ?? null;
  const title = asset.kind === "upload" ? (asset.originalName ?? "Upload") : `Result of ${job?.model ?? asset.model ?? "an edit"}`;
  const role = workspace.membership.role;

  return (
    <article className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_22rem]">
      <div className="grid content-start gap-6">
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
        {firstInput ? (
          <section aria-labelledby="compare-title" className="grid gap-3">
            <h2 id="compare-title" className="text-lg font-semibold">
              Before and after
            </h2>
            <BeforeAfterSlider
              before={{ src: fileUrl(firstInput.id), label: "Before: the first input" }}
              after={{ src: fileUrl(asset.id), label: "After: this result", width: asset.width, height: asset.height }}
            />
          </section>
        ) : null}
        <section aria-labelledby="lineage-title" className="grid gap-3">
          <h2 id="lineage-title" className="text-lg font-semibold">
            Lineage
          </h2>
          <LineageStrip current={asset} lineage={detail.lineage} hrefOf={hrefOf} />
        </section>
      </div>
      <aside aria-label="Details" className="grid content-start gap-6">
        <AssetActions
          workspaceSlug={workspace.slug}
          assetId={asset.id}
          editAgainHref={can(role, "images.create") ? editAgainUrl(workspace.slug, { id: asset.id, model: job?.model ?? null, prompt: job?.prompt ?? null }) : null}
          downloadHref={downloadUrl(asset.id)}
          mayDelete={asset.creator?.id === user.id || can(role, "images.delete_any")}
          galleryHref={galleryUrl(workspace.slug, query)}
        />
        <AssetMetadata detail={detail} hrefOf={hrefOf} />
      </aside>
    </article>
  );
}
