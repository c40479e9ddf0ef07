import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { AuditEntry } from "@/lib/audit/list-audit-log";

function details(entry: AuditEntry): string {
  const parts: string[] = [];
  if (entry.targetName) parts.push(entry.targetName);
  else if (entry.target) parts.push(entry.target);
  if (entry.data && typeof entry.data === "object") {
    for (const [key, value] of Object.entries(entry.data as Record<string, unknown>)) {
      if (value !== null && typeof value !== "object") parts.push(`${key}: ${String(value)}`);
    }
  }
  return parts.join(" · ");
}

export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  return (
    <Table aria-label="Audit log">
      <TableHeader>
        <TableRow>
          <TableHead>When (UTC)</TableHead>
          <TableHead>Who</TableHead>
          <TableHead>What</TableHead>
          <TableHead>Details</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {entries.map((e) => (
          <TableRow key={e.id}>
            <TableCell className="whitespace-nowrap tabular-nums">
              <time dateTime={e.createdAt.toISOString()}>{e.createdAt.toISOString().slice(0, 19).replace("T", " ")}</time>
            </TableCell>
            <TableCell className="break-all">{e.actorName ?? e.actorEmail ?? "system"}</TableCell>
            <TableCell className="font-mono text-xs">{e.action}</TableCell>
            <TableCell className="max-w-md break-all text-xs text-muted-foreground">{details(e)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
