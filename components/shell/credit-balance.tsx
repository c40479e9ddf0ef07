import { Coins } from "lucide-react";

/** Spendable credits (balance minus what running edits hold), with the held part spelled out. */
export function CreditBalance({ balance, held }: { balance: number; held: number }) {
  const available = balance - held;
  return (
    <div className="rounded-md border border-border px-3 py-2 text-sm" data-testid="credit-balance">
      <div className="flex items-center gap-2 text-muted-foreground">
        <Coins className="size-4" aria-hidden /> Credits
      </div>
      <p className="mt-1 text-lg font-semibold tabular-nums" aria-label={`${available} credits available`}>
        {available.toLocaleString("en-US")}
      </p>
      {held > 0 ? <p className="text-xs text-muted-foreground">{held.toLocaleString("en-US")} held by running edits</p> : null}
    </div>
  );
}
