import { AddModelForm } from "@/components/admin/add-model-form";
import { EditModelForm } from "@/components/admin/edit-model-form";
import { PageHeader } from "@/components/shell/page-header";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader } from "@/components/ui/card";
import { listAdminModels } from "@/lib/admin/list-admin-models";
import { requirePlatformAdminPage } from "@/lib/admin/require-platform-admin-page";

export const metadata = { title: "Models & prices" };

export default async function Page() {
  await requirePlatformAdminPage();
  const models = await listAdminModels();
  return (
    <>
      <PageHeader
        title="Models & prices"
        description="Prices are whole credits. A change reaches every instance at once and applies to calls admitted after it; it is audited with the old and new values."
      />
      <div className="grid gap-6">
        {models.map((m) => (
          <Card key={m.id}>
            <CardHeader>
              <h2 className="flex flex-wrap items-center gap-2 text-lg font-semibold">
                {m.displayName} <span className="font-mono text-xs text-muted-foreground">{m.id}</span>
                <Badge>{m.provider}</Badge>
                {m.enabled ? <Badge variant="success">enabled</Badge> : <Badge variant="warning">disabled</Badge>}
              </h2>
            </CardHeader>
            <CardContent>
              <EditModelForm model={m} />
            </CardContent>
          </Card>
        ))}
        <Card>
          <CardHeader>
            <h2 className="text-lg font-semibold">Add a model</h2>
            <CardDescription>Its id is what callers send as <code className="font-mono">model</code>.</CardDescription>
          </CardHeader>
          <CardContent>
            <AddModelForm />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
