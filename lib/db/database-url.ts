import pg from "pg";

// Small helpers for server-level work (creating and dropping databases), shared by the migration engine's
// shadow databases and the test harness. No `server-only`: scripts and test setup run them outside Next.

/** The same server and credentials, another database. */
export function withDatabaseName(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

/** Runs one statement on a connection of its own (CREATE/DROP DATABASE can't run inside a pooled transaction). */
export async function runStatement(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => {});
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end().catch(() => {});
  }
}
