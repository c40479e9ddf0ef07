// FAILING (kept out of the suite): a key whose owner was disabled (or left the workspace) is still admitted for
// completions until the instance hears the NOTIFY: darkroom_admit re-checks revoked_at/expires_at, not the owner.
// The test pins the NOTIFY window open by disabling the owner with the notifying trigger off for that statement.
import { afterAll, beforeAll, expect, it } from "vitest";
import { closeDb, getPool } from "@/lib/db/client";
import { seedApiKey } from "../factories/api-keys";
import { seedModel } from "../factories/models";
import { seedUser } from "../factories/users";
import { startFakeUpstream, type FakeUpstream } from "../fixtures/fake-upstream/start-fake-upstream";
import type { AppServer } from "../support/app-server";
import { postChat, startGateway, userMessage } from "../support/gateway";

let fake: FakeUpstream;
let server: AppServer;
let model: string;
beforeAll(async () => {
  fake = await startFakeUpstream();
  model = await seedModel({ label: "owner-race" });
  server = await startGateway(fake);
});
afterAll(async () => {
  await server?.stop();
  await fake?.close();
  await closeDb();
});

it("a disabled owner's key is refused by admission even before the instance hears about it", async () => {
  const owner = await seedUser();
  const key = await seedApiKey({ owner });
  const chat = () => postChat(server, key.key, { model, messages: [userMessage("hi")] });
  // Warm: the first request of a fresh instance may run before its listener is up (nothing is cached then).
  for (let i = 0; i < 3; i++) expect((await chat()).status).toBe(200);
  const client = await getPool().connect();
  try {
    await client.query("BEGIN");
    await client.query("ALTER TABLE users DISABLE TRIGGER users_notify_api_keys");
    await client.query("UPDATE users SET disabled = true, disabled_at = now() WHERE id = $1", [owner.userId]);
    await client.query("ALTER TABLE users ENABLE TRIGGER users_notify_api_keys");
    await client.query("COMMIT");
  } finally {
    client.release();
  }
  const response = await chat();
  expect(response.status, await response.text()).toBe(401); // actual: 200, admitted and charged
});
