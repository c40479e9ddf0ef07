"use client";

import { Button } from "@/components/ui/button";

// Shows no error details: the server logged them; the digest lets support find the log line.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main id="main" className="flex min-h-[60dvh] flex-col items-center justify-center gap-4 p-6 text-center">
      <h1 className="text-2xl font-semibold tracking-tight">Something went wrong</h1>
      <p className="max-w-sm text-sm text-muted-foreground">
        We couldn&apos;t load this page. Try again; if it keeps happening, mention reference{" "}
        <code className="font-mono">{error.digest ?? "unknown"}</code>.
      </p>
      <Button onClick={reset}>Try again</Button>
    </main>
  );
}
