// Server actions over real HTTP on the production server: a POST carrying the owner's session cookie changes the
// team only when its Origin is Darkroom's own. A page on another site (or a sandboxed one, `Origin: null`) that
// makes the owner's browser post to an action is refused and changes nothing (Next checks Origin against Host
// before it decodes the action's arguments).
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { db } from "@/lib/db/client";
import { createTeamWorkspace } from "@/lib/workspaces/create-team-workspace";
import { seedUser } from "../factories/users";
import { type AppServer, startAppServer } from "../support/app-server";
import { signInCookie } from "../support/sign-in";

const ROOT = path.resolve(import.meta.dirname, "../..");

let server: AppServer;

beforeAll(async () => {
  server = await startAppServer({ databaseUrl: inject("databaseUrl"), env: { WORKER_ENABLED: "false" } });
});

afterAll(async () => {
  await server?.stop();
});

/** The id the build gave an exported server action (what the browser sends as `Next-Action`). */
function actionId(file: string, exportedName: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, ".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename: string; exportedName: string }>;
  };
  const found = Object.entries(manifest.node).find(([, a]) => a.filename === file && a.exportedName === exportedName);
  if (!found) throw new Error(`${file}#${exportedName} is not in the build's server actions`);
  return found[0];
}

/** `renameWorkspaceAction(previousState, formData)` as React encodes the call: the FormData's fields under `_1_`. */
function renameCall(slug: string, name: string): FormData {
  const body = new FormData();
  body.append("_1_workspace", slug);
  body.append("_1_name", name);
  body.append("0", JSON.stringify([{ status: "idle" }, "$K1"]));
  return body;
}

async function scene() {
  const owner = await seedUser();
  const team = await createTeamWorkspace({ userId: owner.userId }, { name: "Origin Team" });
  const cookie = await signInCookie(server.url, owner.email, owner.password);
  return { team, cookie };
}

const nameOf = async (id: string) => (await db.workspace.findUniqueOrThrow({ where: { id }, select: { name: true } })).name;

function post(slug: string, cookie: string, origin: string | null, name: string) {
  return fetch(`${server.url}/${slug}/settings`, {
    method: "POST",
    redirect: "manual",
    headers: {
      cookie,
      accept: "text/x-component",
      "next-action": actionId("lib/actions/workspaces/rename-workspace.ts", "renameWorkspaceAction"),
      ...(origin === null ? {} : { origin }),
    },
    body: renameCall(slug, name),
  });
}

describe("server actions and Origin", () => {
  it("runs the action when the Origin is Darkroom's own", async () => {
    const { team, cookie } = await scene();
    const response = await post(team.slug, cookie, server.url, "Renamed here");
    expect(response.status).toBe(200);
    const body = await response.text();
    expect(await nameOf(team.id), body).toBe("Renamed here");
  });

  for (const origin of ["http://evil.example", "https://darkroom.example.evil.test", "null"]) {
    it(`refuses it from Origin ${origin}, changing nothing and showing nothing`, async () => {
      const { team, cookie } = await scene();
      const auditBefore = await db.auditLog.count({ where: { workspaceId: team.id } });
      const response = await post(team.slug, cookie, origin, "Renamed from elsewhere");
      const body = await response.text();
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(body).not.toContain("Origin Team");
      expect(body).not.toContain("Renamed from elsewhere");
      expect(await nameOf(team.id)).toBe("Origin Team");
      expect(await db.auditLog.count({ where: { workspaceId: team.id } })).toBe(auditBefore);
    });
  }

  it("refuses another port of the same host as another origin", async () => {
    const { team, cookie } = await scene();
    const other = new URL(server.url);
    other.port = String(Number(other.port) + 1);
    const response = await post(team.slug, cookie, other.origin, "Renamed from a neighbour");
    await response.text();
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(await nameOf(team.id)).toBe("Origin Team");
  });
});
