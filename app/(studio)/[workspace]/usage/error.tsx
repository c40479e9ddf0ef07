"use client";

import { UsageLoadError } from "@/components/usage/usage-load-error";

export default function UsageError(props: { error: unknown; retry: () => void }) {
  return <UsageLoadError {...props} lead={<>Nothing is lost; we couldn&apos;t read it just now.</>} referenceHint={(ref) => <>mention reference {ref}</>} />;
}
