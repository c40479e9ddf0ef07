import { USAGE_EXPORT_FIELDS } from "./usage-export-fields";

export type UsageExportFormat = "csv" | "json";

type Field = (typeof USAGE_EXPORT_FIELDS)[number];

// Each field's value, in USAGE_EXPORT_FIELDS order, and how it is written: text (CSV quoting and formula rule),
// a number, or a boolean. Timestamps as JavaScript's toISOString writes them (the column holds milliseconds).
const SOURCE: Record<Field, [sql: string, kind: "text" | "number" | "boolean"]> = {
  id: ["u.id::text", "text"],
  request_id: ["u.request_id", "text"],
  created_at: [`to_char(u.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`, "text"],
  workspace: ["w.slug", "text"],
  user_id: ["u.user_id::text", "text"],
  api_key_id: ["u.api_key_id::text", "text"],
  source: ["u.source::text", "text"],
  model: ["u.model", "text"],
  status: ["u.status::text", "text"],
  prompt_tokens: ["u.prompt_tokens", "number"],
  completion_tokens: ["u.completion_tokens", "number"],
  total_tokens: ["u.total_tokens", "number"],
  usage_source: ["u.usage_source", "text"],
  images: ["u.images", "number"],
  credits: ["u.credits", "number"],
  overage: ["u.overage", "boolean"],
  latency_ms: ["u.latency_ms", "number"],
  upstream_id: ["u.upstream_id", "text"],
  prompt: ["j.prompt", "text"],
};

// The same rules as toCsvLine (lib/usage/to-csv-line.ts), in SQL: null is empty; text starting with = + - @, a tab
// or a carriage return gets a leading '; a field with a comma, quote or line break is quoted, its quotes doubled.
function csvText(v: string): string {
  const t = `(CASE WHEN left(${v}, 1) IN ('=', '+', '-', '@', chr(9), chr(13)) THEN '''' || ${v} ELSE ${v} END)`;
  return `COALESCE(CASE WHEN ${t} ~ E'[",\\r\\n]' THEN '"' || replace(${t}, '"', '""') || '"' ELSE ${t} END, '')`;
}

function csvField(field: Field): string {
  const [, kind] = SOURCE[field];
  const v = `r.${field}`;
  if (kind === "text") return csvText(v);
  if (kind === "boolean") return `CASE ${v} WHEN true THEN 'true' WHEN false THEN 'false' ELSE '' END`;
  return `COALESCE(${v}::text, '')`;
}

/**
 * One keyset page of the export, formatted by PostgreSQL: a single row with the page's text (CSV lines ending in
 * CRLF, or JSON objects, exactly the fields in order, joined by ",\n"), its row count and the last row's key.
 * Parameters: $1 workspace id or null, $2 since, $3 until, $4/$5 the previous page's last (created_at, id), $6 the
 * page size.
 *
 * Formatted in the database, not in JavaScript, so that an export allocates one string per page instead of a row
 * object, its values and a line per record: bench:export measured the JavaScript version's garbage making the heap
 * (and so the RSS) of the server grow by 300–370 MB during a month's download. JSON is row_to_json's compact form,
 * which escapes like JSON.stringify (quotes, backslashes, control characters as \n or \u00XX).
 */
export function usageExportPageSql(format: UsageExportFormat): string {
  const select = USAGE_EXPORT_FIELDS.map((f) => `${SOURCE[f][0]} AS ${f}`).join(", ");
  const line =
    format === "csv"
      ? `${USAGE_EXPORT_FIELDS.map(csvField).join(" || ',' || ")} || E'\\r\\n'`
      : `row_to_json(r)::text`;
  return `
    WITH page AS (
      SELECT u.created_at AS key_at, u.id AS key_id, ${line} AS line
      FROM usage_records u
      LEFT JOIN workspaces w ON w.id = u.workspace_id
      LEFT JOIN edit_jobs j ON j.request_id = u.request_id
      CROSS JOIN LATERAL (SELECT ${select}) AS r
      WHERE ($1::uuid IS NULL OR u.workspace_id = $1::uuid)
        AND ($2::timestamptz IS NULL OR u.created_at >= $2::timestamptz)
        AND ($3::timestamptz IS NULL OR u.created_at < $3::timestamptz)
        AND ($4::timestamptz IS NULL OR (u.created_at, u.id) > ($4::timestamptz, $5::uuid))
      ORDER BY u.created_at, u.id
      LIMIT $6
    )
    SELECT string_agg(line, ${format === "csv" ? "''" : "E',\\n'"} ORDER BY key_at, key_id) AS text, count(*)::int AS rows,
           max(key_at) AS last_at, (array_agg(key_id ORDER BY key_at DESC, key_id DESC))[1] AS last_id
    FROM page`;
}
