"use client";

import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";

type Props = { error: unknown; retry: () => void; lead: ReactNode; referenceHint: (reference: ReactNode) => ReactNode };

/**
 * A Usage page's error boundary body. Shows no error details: the server logged them; the digest is the reference
 * that finds the log line (`referenceHint` says to whom: the workspace member asks support, an admin reads the logs).
 */
export function UsageLoadError({ error, retry, lead, referenceHint }: Props) {
  const digest = error instanceof Error && "digest" in error ? String(error.digest) : null;
  return (
    <section role="alert" className="flex flex-col items-center gap-4 rounded-xl border border-dashed border-border px-6 py-16 text-center">
      <h2 className="text-lg font-semibold">Usage didn&apos;t load</h2>
      <p className="max-w-sm text-sm text-muted-foreground">
        {lead} Try again{digest ? <>; if it keeps happening, {referenceHint(<code className="font-mono">{digest}</code>)}</> : null}.
      </p>
      <Button onClick={() => retry()}>Try again</Button>
    </section>
  );
}
