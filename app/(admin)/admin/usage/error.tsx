"use client";

import { UsageLoadError } from "@/components/usage/usage-load-error";

export default function UsageError(props: { error: unknown; retry: () => void }) {
  return <UsageLoadError {...props} lead={<>The numbers couldn&apos;t be read just now.</>} referenceHint={(ref) => <>look for reference {ref} in the logs</>} />;
}
