import { afterAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/health/route";
import { closeDb } from "@/lib/db/client";
import { env } from "@/lib/env";

describe("GET /api/health", () => {
  const realUrl = env.DATABASE_URL;
  afterAll(async () => {
    env.DATABASE_URL = realUrl;
    await closeDb();
  });

  it("is 200 ok when PostgreSQL answers", async () => {
    const response = await GET();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", db: "ok" });
  });

  it("is 503 naming the database when PostgreSQL is unreachable", async () => {
    await closeDb();
    // A port nothing listens on: the connection is refused, as when the database is down.
    env.DATABASE_URL = "postgresql://darkroom:x@127.0.0.1:1/darkroom";
    const response = await GET();
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: "error", db: "error" });
  });
});
