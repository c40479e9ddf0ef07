"use client";

import { Check, Copy } from "lucide-react";
import { useState, type ComponentProps } from "react";
import { Button } from "./button";

type CopyState = "idle" | "copied" | "failed";

/** Copies `value` to the clipboard and says so, to screen readers too. */
export function CopyButton({ value, label = "Copy", ...props }: ComponentProps<typeof Button> & { value: string; label?: string }) {
  const [state, setState] = useState<CopyState>("idle");
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setState("copied");
    } catch {
      // No clipboard access (e.g. not a secure context): the text is on screen to select by hand.
      setState("failed");
    }
  }
  return (
    <>
      <Button type="button" variant="outline" size="sm" onClick={copy} {...props}>
        {state === "copied" ? <Check aria-hidden /> : <Copy aria-hidden />}
        {state === "copied" ? "Copied" : label}
      </Button>
      <span role="status" className="sr-only">
        {state === "copied" ? "Copied to the clipboard" : state === "failed" ? "Could not copy: select the text and copy it" : ""}
      </span>
    </>
  );
}
