"use client";

import { Button } from "@/components/ui/button";

// Shows no error details: the server logged them; the digest lets whoever runs the platform find the log line.
export default function UsageError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error && "digest" in error ? String(error.digest) : null;
  return (
    <section role="alert" className="flex flex-col items-center gap-4 rounded-xl border border-dashed border-border px-6 py-16 text-center">
      <h2 className="text-lg font-semibold">Usage didn&apos;t load</h2>
      <p className="max-w-sm text-sm text-muted-foreground">
        The numbers couldn&apos;t be read just now. Try again{digest ? <>; if it keeps happening, look for reference <code className="font-mono">{digest}</code> in the logs</> : null}.
      </p>
      <Button onClick={() => retry()}>Try again</Button>
    </section>
  );
}
