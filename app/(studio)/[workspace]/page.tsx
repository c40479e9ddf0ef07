import { PageHeader } from "@/components/shell/page-header";
import { StorageUsage } from "@/components/studio/storage-usage";
import { Studio } from "@/components/studio/studio";
import type { StudioModel } from "@/components/studio/studio-model";
import { findMemberAssets } from "@/lib/assets/find-member-assets";
import { getWorkspaceStorage } from "@/lib/assets/get-workspace-storage";
import { listRecentAssets } from "@/lib/assets/list-recent-assets";
import { listCatalogModels } from "@/lib/gateway/catalog/list-catalog-models";
import { env } from "@/lib/env";
import { formatFileSize, formatMegapixels } from "@/lib/images/image-rejected-error";
import { chooseStudioModel } from "@/lib/jobs/choose-studio-model";
import { listRecentJobs } from "@/lib/jobs/list-recent-jobs";
import { MAX_EDIT_INPUTS, MAX_PROMPT_CHARS } from "@/lib/jobs/schemas";
import { getStudioModel } from "@/lib/users/get-studio-model";
import { can } from "@/lib/workspaces/permissions";
import { requireMemberWorkspace } from "@/lib/workspaces/require-member-workspace";

export const metadata = { title: "Studio" };

type SearchParams = Record<string, string | string[] | undefined>;

const all = (value: string | string[] | undefined) => (value === undefined ? [] : [value].flat());
const first = (value: string | string[] | undefined) => all(value)[0];

// "Edit again" links land here: /<workspace>?input=<assetId>[&input=…]&model=<id>&prompt=<text>.
export default async function StudioPage({ params, searchParams }: { params: Promise<{ workspace: string }>; searchParams: Promise<SearchParams> }) {
  const { user, workspace } = await requireMemberWorkspace((await params).workspace);
  const query = await searchParams;
  const caller = { userId: user.id, workspaceId: workspace.id };
  const requestedInputs = all(query.input).slice(0, MAX_EDIT_INPUTS);
  const [catalog, jobs, recentAssets, initialInputs, lastModel, storage] = await Promise.all([
    listCatalogModels(),
    listRecentJobs(caller),
    listRecentAssets(caller, { limit: 60 }),
    findMemberAssets(caller, requestedInputs),
    getStudioModel(caller),
    getWorkspaceStorage(caller),
  ]);
  // Upstream models are usable only with a provider configured, so without one this is the offline model alone.
  const models: StudioModel[] = catalog
    .filter((m) => m.usable)
    .map(({ id, displayName, provider, description, typicalSeconds, prices }) => ({ id, displayName, provider, description, typicalSeconds, prices }));

  const notices: string[] = [];
  const missing = new Set(requestedInputs).size - initialInputs.length;
  if (missing > 0) notices.push(missing === 1 ? "One image from the link isn't in this workspace any more, so it was left out." : `${missing} images from the link aren't in this workspace, so they were left out.`);
  const requestedModel = first(query.model);
  const modelOk = requestedModel !== undefined && models.some((m) => m.id === requestedModel);
  if (requestedModel !== undefined && !modelOk) notices.push(`The model “${requestedModel.slice(0, 80)}” isn't available now; choose another.`);

  const available = workspace.balance - workspace.held;
  return (
    <>
      <PageHeader
        title="Studio"
        description={
          <>
            {workspace.name} has <strong className="text-foreground tabular-nums">{available.toLocaleString("en-US")}</strong> credits available.
            {storage ? <StorageUsage used={storage.used} quota={storage.quota} /> : null}
          </>
        }
      />
      <Studio
        workspaceSlug={workspace.slug}
        canCreate={can(workspace.membership.role, "images.create")}
        canCancelAny={can(workspace.membership.role, "images.delete_any")}
        models={models}
        initialModel={chooseStudioModel(models, [modelOk ? requestedModel : null, lastModel])}
        preloaded={requestedInputs.length > 0 || query.prompt !== undefined || requestedModel !== undefined}
        initialPrompt={(first(query.prompt) ?? "").slice(0, MAX_PROMPT_CHARS)}
        initialInputs={initialInputs}
        notices={notices}
        recentAssets={recentAssets}
        jobs={jobs}
        available={available}
        limits={{
          maxBytes: env.UPLOAD_MAX_BYTES,
          limitsText: `PNG, JPEG, WebP or GIF; up to ${formatFileSize(env.UPLOAD_MAX_BYTES, "down")} and ${formatMegapixels(env.UPLOAD_MAX_PIXELS, "down")} each.`,
        }}
        serverNow={new Date().getTime()}
      />
    </>
  );
}
