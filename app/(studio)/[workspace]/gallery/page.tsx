import { Images, SearchX } from "lucide-react";
import Link from "next/link";
import { GalleryFilters } from "@/components/gallery/gallery-filters";
import { GalleryGrid } from "@/components/gallery/gallery-grid";
import { toTileItem } from "@/components/gallery/gallery-types";
import { PageHeader } from "@/components/shell/page-header";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { listGalleryAssets } from "@/lib/gallery/list-gallery-assets";
import { listGalleryFilterOptions } from "@/lib/gallery/list-gallery-filter-options";
import { filtersQuery, firstValues, gallerySearchSchema } from "@/lib/gallery/schemas";
import { can } from "@/lib/workspaces/permissions";
import { requireMemberWorkspace } from "@/lib/workspaces/require-member-workspace";

export const metadata = { title: "Gallery" };

export default async function Page({ params, searchParams }: PageProps<"/[workspace]/gallery">) {
  const { workspace: slug } = await params;
  const { user, workspace } = await requireMemberWorkspace(slug);
  const { cursor, ...filters } = gallerySearchSchema.parse(firstValues(await searchParams));
  const caller = { userId: user.id };
  const [page, options] = await Promise.all([
    listGalleryAssets(caller, workspace.slug, { ...filters, cursor }),
    listGalleryFilterOptions(caller, workspace.slug),
  ]);
  const base = `/${workspace.slug}/gallery`;
  const query = filtersQuery(filters);
  const filtered = query !== "";
  const mayCreate = can(workspace.membership.role, "images.create");

  if (!page.items.length && !filtered && !cursor) {
    return (
      <>
        <PageHeader title="Gallery" description={workspace.name} />
        <EmptyState
          icon={Images}
          title="No images yet"
          action={
            mayCreate ? (
              <Button asChild>
                <Link href={`/${workspace.slug}`}>Open the studio</Link>
              </Button>
            ) : null
          }
        >
          {mayCreate
            ? "Upload one in the Studio and describe an edit: every upload and every result lands here, newest first, for everyone in this workspace."
            : "Images this workspace's members upload and edit in the Studio land here, newest first."}
        </EmptyState>
      </>
    );
  }

  return (
    <>
      <PageHeader title="Gallery" description={`Every upload and result in ${workspace.name}, newest first.`} />
      <GalleryFilters action={base} filters={filters} options={options} />
      {cursor ? (
        <p className="mb-4 text-sm">
          <Link href={filtered ? `${base}?${query}` : base} className="text-primary underline-offset-4 hover:underline">
            ← Back to the newest images
          </Link>
        </p>
      ) : null}
      {page.items.length ? (
        <GalleryGrid
          key={`${query}|${cursor ?? ""}`}
          workspaceSlug={workspace.slug}
          filtersQuery={query}
          initialItems={page.items.map(toTileItem)}
          initialCursor={page.nextCursor}
          userId={user.id}
          canDeleteAny={can(workspace.membership.role, "images.delete_any")}
        />
      ) : (
        <EmptyState
          icon={SearchX}
          title="No images match"
          action={
            <Button asChild variant="outline">
              <Link href={base}>Clear filters</Link>
            </Button>
          }
        >
          {cursor ? "There are no older images." : "Try other words or filters, or clear them to see everything."}
        </EmptyState>
      )}
    </>
  );
}
