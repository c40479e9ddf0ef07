import type { ApiKeyStatus, ApiKeySummary } from "@/lib/gateway/keys/list-api-keys";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { RevokeApiKeyButton } from "./revoke-api-key-button";

const dateFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });
const dateTimeFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

function When({ date, withTime = false, empty }: { date: Date | null; withTime?: boolean; empty: string }) {
  if (!date) return <span className="text-muted-foreground">{empty}</span>;
  return <time dateTime={date.toISOString()}>{(withTime ? dateTimeFormat : dateFormat).format(date)}</time>;
}

const STATUS: Record<ApiKeyStatus, { label: string; variant: "success" | "destructive" | "warning" }> = {
  active: { label: "Active", variant: "success" },
  revoked: { label: "Revoked", variant: "destructive" },
  expired: { label: "Expired", variant: "warning" },
};

type Props = {
  keys: ApiKeySummary[];
  workspaceSlug: string;
  /** Which keys the viewer may revoke: their own with "keys.manage", any with "keys.manage_any". */
  mayRevoke: (key: ApiKeySummary) => boolean;
};

/**
 * The workspace's keys as stored: never the key itself, only its first and last characters. A table from the
 * medium breakpoint up; on a phone, one card per key (nine columns can't fit 390 px, and a table scrolling
 * sideways hides Revoke).
 */
export function ApiKeyTable({ keys, workspaceSlug, mayRevoke }: Props) {
  return (
    <>
      <ul aria-label="API keys" className="grid gap-3 md:hidden">
        {keys.map((key) => (
          <li key={key.id} className="grid gap-3 rounded-xl border border-border p-4">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <p className="min-w-0 break-words font-medium">{key.name}</p>
              <Badge variant={STATUS[key.status].variant}>{STATUS[key.status].label}</Badge>
            </div>
            <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm">
              <dt className="text-muted-foreground">Key</dt>
              <dd className="break-all font-mono text-xs" aria-label={`Key starting ${key.prefix}, ending ${key.last4}`}>
                {key.prefix}…{key.last4}
              </dd>
              <dt className="text-muted-foreground">Created by</dt>
              <dd className="break-words">{key.createdBy.name ?? key.createdBy.email ?? "Former member"}</dd>
              <dt className="text-muted-foreground">Models</dt>
              <dd className="break-words">{key.models.length ? key.models.join(", ") : "All models"}</dd>
              <dt className="text-muted-foreground">Expires</dt>
              <dd>
                <When date={key.expiresAt} empty="Never" />
              </dd>
              <dt className="text-muted-foreground">Last used</dt>
              <dd>
                <When date={key.lastUsedAt} withTime empty="Never" />
              </dd>
              <dt className="text-muted-foreground">Created</dt>
              <dd>
                <When date={key.createdAt} empty="" />
              </dd>
            </dl>
            {key.status !== "expired" && mayRevoke(key) ? (
              <div>
                <RevokeApiKeyButton id={key.id} name={key.name} workspaceSlug={workspaceSlug} revoked={key.status === "revoked"} />
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      <p className="text-sm text-muted-foreground md:hidden">Dates are in UTC. A key acts for the member who created it and stops if they leave.</p>
      <div className="hidden md:block">
        <Table>
          <TableCaption>Dates are in UTC. A key acts for the member who created it and stops if they leave.</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHead>Name</TableHead>
              <TableHead>Key</TableHead>
              <TableHead>Created by</TableHead>
              <TableHead>Models</TableHead>
              <TableHead>Expires</TableHead>
              <TableHead>Last used</TableHead>
              <TableHead>Created</TableHead>
              <TableHead>Status</TableHead>
              <TableHead>
                <span className="sr-only">Actions</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {keys.map((key) => (
              <TableRow key={key.id}>
                <TableCell className="font-medium">{key.name}</TableCell>
                <TableCell className="whitespace-nowrap font-mono text-xs" aria-label={`Key starting ${key.prefix}, ending ${key.last4}`}>
                  {key.prefix}…{key.last4}
                </TableCell>
                <TableCell>{key.createdBy.name ?? key.createdBy.email ?? "Former member"}</TableCell>
                <TableCell className="max-w-56">{key.models.length ? key.models.join(", ") : <span className="text-muted-foreground">All models</span>}</TableCell>
                <TableCell className="whitespace-nowrap">
                  <When date={key.expiresAt} empty="Never" />
                </TableCell>
                <TableCell className="whitespace-nowrap">
                  <When date={key.lastUsedAt} withTime empty="Never" />
                </TableCell>
                <TableCell className="whitespace-nowrap">
                  <When date={key.createdAt} empty="" />
                </TableCell>
                <TableCell>
                  <Badge variant={STATUS[key.status].variant}>{STATUS[key.status].label}</Badge>
                </TableCell>
                <TableCell className="text-right">
                  {key.status !== "expired" && mayRevoke(key) ? (
                    <RevokeApiKeyButton id={key.id} name={key.name} workspaceSlug={workspaceSlug} revoked={key.status === "revoked"} />
                  ) : null}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </>
  );
}
