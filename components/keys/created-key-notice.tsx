"use client";

import { KeyRound } from "lucide-react";
import { CopyButton } from "@/components/ui/copy-button";

type Props = { apiKey: string; name: string; models: string[]; publicUrl: string };

function curlExample(publicUrl: string, apiKey: string, model: string): string {
  const body = JSON.stringify({ model, messages: [{ role: "user", content: "A lighthouse at dusk, sepia" }] });
  return [
    `curl ${publicUrl}/v1/chat/completions \\`,
    `  -H "Authorization: Bearer ${apiKey}" \\`,
    `  -H "Content-Type: application/json" \\`,
    `  -d '${body}'`,
  ].join("\n");
}

/** The new key, shown this once, with a ready-to-run request. */
export function CreatedKeyNotice({ apiKey, name, models, publicUrl }: Props) {
  // The offline model always works; a key limited to other models gets an example it may run.
  const model = models.length === 0 || models.includes("darkroom-local") ? "darkroom-local" : models[0]!;
  const example = curlExample(publicUrl, apiKey, model);
  return (
    <section aria-labelledby="created-key-title" className="grid gap-4 rounded-xl border border-emerald-500/40 bg-emerald-500/5 p-4">
      <h3 id="created-key-title" className="flex items-center gap-2 font-semibold">
        <KeyRound className="size-4" aria-hidden /> Key “{name}” created
      </h3>
      <p className="text-sm">
        <strong>Copy it now: you won&apos;t see it again.</strong> Darkroom keeps only a fingerprint of it. If you lose it,
        revoke it and make a new one.
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <code className="min-w-0 flex-1 break-all rounded-md border border-border bg-background px-3 py-2 font-mono text-sm" aria-label="Your new API key">
          {apiKey}
        </code>
        <CopyButton value={apiKey} label="Copy key" />
      </div>
      <div className="grid gap-2">
        <div className="flex items-center justify-between gap-2">
          <p className="text-sm font-medium">Try it</p>
          <CopyButton value={example} label="Copy command" />
        </div>
        <pre className="overflow-x-auto rounded-md border border-border bg-background p-3 font-mono text-xs" tabIndex={0} aria-label="Example request with curl">
          {example}
        </pre>
      </div>
    </section>
  );
}
