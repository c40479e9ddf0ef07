import { stringFlag, UsageError, type Command } from "./command";
import { dateFlag } from "./gateway-flags";

// The export itself is stdout (a CSV, or ONE JSON array with --format json), streamed as it is read; --json
// only changes how an error is reported.
export const usageExport: Command<AsyncIterable<Uint8Array>> = {
  usage: "usage:export [--workspace SLUG] [--since ISO] [--until ISO] --format csv|json",
  options: { workspace: { type: "string" }, since: { type: "string" }, until: { type: "string" }, format: { type: "string" } },
  required: ["format"],
  streams: true,
  async run(flags) {
    const format = stringFlag(flags, "format");
    if (format !== "csv" && format !== "json") throw new UsageError("--format must be csv or json");
    const since = dateFlag(flags, "since");
    const until = dateFlag(flags, "until");
    const { exportUsage } = await import("@/lib/billing/export-usage");
    const { formatUsageExport } = await import("@/lib/billing/format-usage-export");
    const pages = await exportUsage({ workspaceSlug: stringFlag(flags, "workspace"), since, until }, format);
    return formatUsageExport(pages, format);
  },
};
