import { KeyRound } from "lucide-react";
import { ApiKeyTable } from "@/components/keys/api-key-table";
import { CreateApiKeyForm } from "@/components/keys/create-api-key-form";
import { PageHeader } from "@/components/shell/page-header";
import { Card, CardContent, CardDescription, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { env } from "@/lib/env";
import { listCatalogModels } from "@/lib/gateway/catalog/list-catalog-models";
import { listApiKeys } from "@/lib/gateway/keys/list-api-keys";
import { can } from "@/lib/workspaces/permissions";
import { requireMemberWorkspace } from "@/lib/workspaces/require-member-workspace";

export const metadata = { title: "API keys" };

export default async function Page({ params }: { params: Promise<{ workspace: string }> }) {
  const { user, workspace } = await requireMemberWorkspace((await params).workspace);
  const role = workspace.membership.role;
  const mayCreate = can(role, "keys.manage");
  const mayRevokeAny = can(role, "keys.manage_any");
  const [keys, catalog] = await Promise.all([listApiKeys({ userId: user.id }, workspace.id), mayCreate ? listCatalogModels() : []]);
  const models = catalog.filter((m) => m.usable).map(({ id, displayName }) => ({ id, displayName }));

  return (
    <>
      <PageHeader title="API keys" description={`Call Darkroom's models from any OpenAI-compatible tool, billed to ${workspace.name}.`} />
      <div className="grid gap-8">
        {mayCreate ? (
          <Card>
            <CardHeader>
              <h2 className="text-lg font-semibold">Create a key</h2>
              <CardDescription>
                Use it as a Bearer token with <code className="font-mono">{env.PUBLIC_URL}/v1</code> as the base URL.
              </CardDescription>
            </CardHeader>
            <CardContent>
              <CreateApiKeyForm workspaceSlug={workspace.slug} models={models} publicUrl={env.PUBLIC_URL} />
            </CardContent>
          </Card>
        ) : null}
        <section aria-labelledby="keys-title" className="grid gap-3">
          <h2 id="keys-title" className="text-lg font-semibold">
            {mayRevokeAny ? "Keys of this workspace" : "Your keys in this workspace"}
          </h2>
          {keys.length ? (
            <ApiKeyTable keys={keys} workspaceSlug={workspace.slug} mayRevoke={(key) => mayRevokeAny || (mayCreate && key.createdBy.id === user.id)} />
          ) : (
            <EmptyState icon={KeyRound} title="No API keys yet">
              Keys let tools that speak the OpenAI API call Darkroom&apos;s models, billed to this workspace.
              {mayCreate ? " Create one above." : " Ask an admin of this workspace for one."}
            </EmptyState>
          )}
        </section>
      </div>
    </>
  );
}
