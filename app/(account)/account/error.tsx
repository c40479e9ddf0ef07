"use client";

import { Button } from "@/components/ui/button";

// Shows no error details: the server logged them; the digest lets support find the log line.
export default function AccountError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error && "digest" in error ? String(error.digest) : null;
  return (
    <main id="main" className="mx-auto w-full max-w-3xl p-4 sm:p-6">
      <section role="alert" className="flex flex-col items-center gap-4 rounded-xl border border-dashed border-border px-6 py-16 text-center">
        <h2 className="text-lg font-semibold">Your account settings didn&apos;t load</h2>
        <p className="max-w-sm text-sm text-muted-foreground">
          Nothing was changed. Try again{digest ? <>; if it keeps happening, mention reference <code className="font-mono">{digest}</code></> : null}.
        </p>
        <Button onClick={() => retry()}>Try again</Button>
      </section>
    </main>
  );
}
