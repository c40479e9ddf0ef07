import Form from "next/form";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { Input } from "@/components/ui/input";
import { bucketsForDays, dashboardHref, MAX_CUSTOM_DAYS, PLATFORM_PRESETS, PLATFORM_SOURCES, PLATFORM_STATUSES, rangeDays, type DashboardSearch } from "@/lib/platform-usage/dashboard-search";

const RANGE_LABEL = { "24h": "Last 24 hours", "7d": "Last 7 days", "30d": "Last 30 days", "90d": "Last 90 days", "12m": "Last 12 months" } as const;

function Field({ id, label, children }: { id: string; label: string; children: React.ReactNode }) {
  return (
    <div className="grid min-w-0 gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      {children}
    </div>
  );
}

type Props = { search: DashboardSearch; models: string[]; workspaceError: string | null };

/** A GET form: range, bucket and filters live in the URL, so a view is a link to share. */
export function DashboardControls({ search, models, workspaceError }: Props) {
  const filtered = Boolean(search.workspace || search.model || search.source || search.status);
  const buckets = bucketsForDays(rangeDays(search));
  return (
    <Form action="/admin/usage" role="search" aria-label="Usage range and filters" className="mb-6 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5 lg:items-end">
      <input type="hidden" name="tz" value={search.tz} />
      <input type="hidden" name="by" value={search.by} />
      <input type="hidden" name="metric" value={search.metric} />
      <Field id="usage-range" label="Range">
        <NativeSelect id="usage-range" name="range" defaultValue={search.range ?? "custom"}>
          {PLATFORM_PRESETS.map((r) => (
            <option key={r} value={r}>{RANGE_LABEL[r]}</option>
          ))}
          <option value="custom">Custom dates</option>
        </NativeSelect>
      </Field>
      <Field id="usage-from" label="From (custom)">
        <Input id="usage-from" name="from" type="date" defaultValue={search.from ?? ""} aria-describedby="usage-dates-hint" />
      </Field>
      <Field id="usage-to" label="To (custom, inclusive)">
        <Input id="usage-to" name="to" type="date" defaultValue={search.to ?? ""} aria-describedby="usage-dates-hint" />
      </Field>
      <Field id="usage-bucket" label="Per">
        <NativeSelect id="usage-bucket" name="bucket" defaultValue={search.bucket}>
          {buckets.map((b) => (
            <option key={b} value={b}>{b}</option>
          ))}
        </NativeSelect>
      </Field>
      <Field id="usage-workspace" label="Workspace (slug or id)">
        <Input id="usage-workspace" name="workspace" defaultValue={search.workspace ?? ""} placeholder="All workspaces" aria-invalid={workspaceError ? true : undefined} aria-describedby={workspaceError ? "usage-workspace-error" : undefined} />
        {workspaceError ? <p id="usage-workspace-error" className="text-xs text-destructive">{workspaceError}</p> : null}
      </Field>
      <Field id="usage-model" label="Model">
        <Input id="usage-model" name="model" list="usage-models" defaultValue={search.model ?? ""} placeholder="All models" />
        <datalist id="usage-models">
          {models.map((m) => (
            <option key={m} value={m} />
          ))}
        </datalist>
      </Field>
      <Field id="usage-source" label="Source">
        <NativeSelect id="usage-source" name="source" defaultValue={search.source ?? ""}>
          <option value="">API and studio</option>
          {PLATFORM_SOURCES.map((s) => (
            <option key={s} value={s}>{s === "api" ? "API" : "Studio"}</option>
          ))}
        </NativeSelect>
      </Field>
      <Field id="usage-status" label="Status">
        <NativeSelect id="usage-status" name="status" defaultValue={search.status ?? ""}>
          <option value="">Any status</option>
          {PLATFORM_STATUSES.filter((s) => s !== "pending").map((s) => (
            <option key={s} value={s}>{s}</option>
          ))}
        </NativeSelect>
      </Field>
      <div className="col-span-2 flex items-center gap-2 sm:col-span-1">
        <Button type="submit">Apply</Button>
        {filtered ? (
          <Button asChild variant="ghost">
            <Link href={dashboardHref({ ...search, workspace: undefined, model: undefined, source: undefined, status: undefined })}>Clear filters</Link>
          </Button>
        ) : null}
      </div>
      <p id="usage-dates-hint" className="col-span-full text-xs text-muted-foreground">
        Custom dates are whole days in {search.tz}, at most {MAX_CUSTOM_DAYS} days; choose “Custom dates” as the range to use them.
      </p>
    </Form>
  );
}
