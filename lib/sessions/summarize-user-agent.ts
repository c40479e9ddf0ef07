import { userAgentFromString } from "next/server";

/** "Firefox on Linux" for the sessions list: enough to recognise a device, without storing the raw header. */
export function summarizeUserAgent(header: string | null | undefined): string | null {
  if (!header) return null;
  const parsed = userAgentFromString(header.slice(0, 512));
  const browser = parsed.browser.name;
  const os = parsed.os.name;
  if (browser && os) return `${browser} on ${os}`;
  return browser ?? os ?? "Unknown browser";
}
