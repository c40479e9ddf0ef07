import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { cn } from "@/lib/cn";

export type LedgerTableLine = {
  key: string;
  /** Omitted for a summary line that has no single time (a period's charges). */
  at?: Date;
  label: string;
  amount: number;
  note?: string | null;
  /** A note that explains the line rather than one an admin typed. */
  noteMuted?: boolean;
  /** An opening or closing balance. */
  total?: boolean;
  /** For a test to find the amount cell. */
  amountTestId?: string;
};

const n = (v: number) => v.toLocaleString("en-US");
const when = (d: Date) => d.toISOString().replace("T", " ").slice(0, 19) + " UTC";

/**
 * Ledger lines as a table (when, what, credits, note), shared by the admin workspace page (recent entries) and the
 * statement (a period's lines between its opening and closing balances). Notes wrap when `wrapNotes`, else they are
 * cut to one line.
 */
export function LedgerTable({ lines, labelHeading, caption, wrapNotes = false }: { lines: LedgerTableLine[]; labelHeading: string; caption?: string; wrapNotes?: boolean }) {
  return (
    <Table>
      {caption ? <caption className="sr-only">{caption}</caption> : null}
      <TableHeader>
        <TableRow>
          <TableHead>When</TableHead>
          <TableHead>{labelHeading}</TableHead>
          <TableHead className="text-right">Credits</TableHead>
          <TableHead>Note</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {lines.map((line) => (
          <TableRow key={line.key} className={cn(line.total && "font-semibold")}>
            <TableCell className="whitespace-nowrap">{line.at ? when(line.at) : ""}</TableCell>
            <TableCell>{line.label}</TableCell>
            <TableCell className="text-right tabular-nums" data-testid={line.amountTestId}>{n(line.amount)}</TableCell>
            <TableCell className={cn(wrapNotes ? "max-w-80 break-words" : "max-w-80 truncate", line.noteMuted && "text-muted-foreground")}>{line.note ?? ""}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
