/** The columns of a usage export, in order (CSV header and JSON keys). */
export const USAGE_EXPORT_FIELDS = [
  "id", "request_id", "created_at", "workspace", "user_id", "api_key_id", "source", "model", "status",
  "prompt_tokens", "completion_tokens", "total_tokens", "usage_source", "images", "credits", "overage",
  "latency_ms", "upstream_id", "prompt",
] as const;

export type UsageExportRow = {
  id: string;
  request_id: string;
  /** ISO 8601, UTC. */
  created_at: string;
  /** The workspace's slug. */
  workspace: string | null;
  user_id: string;
  api_key_id: string | null;
  source: string;
  model: string;
  status: string;
  prompt_tokens: number | null;
  completion_tokens: number | null;
  total_tokens: number | null;
  usage_source: string | null;
  images: number;
  credits: number;
  overage: boolean;
  latency_ms: number | null;
  upstream_id: string | null;
  /** A studio edit's prompt (what the person typed); null for API calls, whose payloads are never stored. */
  prompt: string | null;
};
