// Tenant isolation, generated from one table (tests/support/isolation/matrix.ts): every workspace-scoped resource ×
// every doorway is a cell of cases or an explicit "n/a: why"; every case runs for every role. A role the permission
// table allows gets what it asked for; any other role, and an outsider (a former member), gets a refusal, the team's
// rows and stored objects are byte for byte what they were, and the answer holds nothing it may not read. A forged
// variant (the caller's own team named, this team's ids) is refused for everyone. Pages, route handlers, the file
// route, the job event stream and /v1 are called over real HTTP on the production server; server actions are
// called directly, as a forged POST would reach them (their Origin check is tested in team-action-origin.test.ts).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import { checkLedger } from "@/lib/billing/check-ledger";
import { env } from "@/lib/env";
import { stopEditQueue } from "@/lib/jobs/edit-queue";
import { createLocalDriver } from "@/lib/storage/create-local-driver";
import { can } from "@/lib/workspaces/permissions";
import { type AppServer, startAppServer } from "../support/app-server";
import { storageFiles, workspaceRows } from "../support/isolation/fingerprint";
import { type Case, DOORWAYS, type Http, MATRIX, NOT_WORKSPACE_SCOPED, RESOURCES, type Verdict } from "../support/isolation/matrix";
import { ROLES, type Role, type Scene, seedScene } from "../support/isolation/scene";
import { signInCookie } from "../support/sign-in";

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => session.user }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), refresh: vi.fn() }));

const ROOT = path.resolve(import.meta.dirname, "../..");

let server: AppServer;
let serverDataDir: string;
let shared: Scene;
let http: Http;

beforeAll(async () => {
  serverDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "darkroom-matrix-"));
  server = await startAppServer({
    databaseUrl: inject("databaseUrl"),
    env: { DATA_DIR: serverDataDir, STORAGE_DRIVER: "local", WORKER_ENABLED: "false", RATE_LIMIT_RPM: "100000" },
  });
  shared = await seedScene({ signIn: true, storage: createLocalDriver({ root: path.join(serverDataDir, "objects") }) });
  const cookies = {} as Record<Role, string>;
  for (const role of ROLES) cookies[role] = await signInCookie(server.url, shared.people[role].email, shared.people[role].password!);
  http = { url: server.url, cookie: (role) => cookies[role] };
}, 240_000);

afterAll(async () => {
  await stopEditQueue();
  await server?.stop();
  if (serverDataDir) fs.rmSync(serverDataDir, { recursive: true, force: true });
});

const expectedFor = (role: Role, kase: Case) =>
  role !== "outsider" && kase.permission !== null && can(role, kase.permission) && (kase.onlyIf?.(role) ?? true);

async function snapshot(scene: Scene, overHttp: boolean) {
  const root = overHttp ? path.join(serverDataDir, "objects") : path.join(env.DATA_DIR, "objects");
  return { rows: await workspaceRows(scene.team.id), objects: storageFiles(root, scene.team.id) };
}

/** A refused answer holds none of what the case would show, and for an outsider nothing of the team at all. */
function expectNothingLeaked(verdict: Verdict, scene: Scene, role: Role, kase: Case, label: string) {
  const shown = new Set(kase.shownToCaller?.(scene) ?? []);
  const secrets = [...(kase.reveals ? [kase.reveals(scene)] : []), ...(role === "outsider" ? scene.secrets : [])].filter((s) => !shown.has(s));
  for (const secret of secrets) {
    if (verdict.sent?.includes(secret)) continue; // what the caller sent (a page may echo its own URL)
    expect(verdict.body.includes(secret), `${label}: the answer shows “${secret}”`).toBe(false);
  }
}

async function refusedWithNothingChanged(scene: Scene, overHttp: boolean, role: Role, kase: Case, label: string, call: () => Promise<Verdict>) {
  const before = await snapshot(scene, overHttp);
  const verdict = await call();
  expect(verdict.allowed, `${label} was allowed: ${verdict.body.slice(0, 300)}`).toBe(false);
  expect(await snapshot(scene, overHttp), `${label} changed the team`).toEqual(before);
  expectNothingLeaked(verdict, scene, role, kase, label);
}

describe("the matrix's table", () => {
  it("has a cell for every resource × doorway, each either cases or a reason", () => {
    for (const resource of RESOURCES) {
      for (const doorway of DOORWAYS) {
        const cell = MATRIX[resource]?.[doorway];
        expect(cell, `${resource} × ${doorway} has no cell`).toBeDefined();
        if (Array.isArray(cell)) expect(cell.length, `${resource} × ${doorway}: an empty list (say n/a and why)`).toBeGreaterThan(0);
        else expect(cell!.na.trim().length, `${resource} × ${doorway}: n/a without a reason`).toBeGreaterThan(10);
      }
      expect(Object.keys(MATRIX[resource]).sort()).toEqual([...DOORWAYS].sort());
    }
    expect(Object.keys(MATRIX).sort()).toEqual([...RESOURCES].sort());
  });

  it("claims every workspace page, route handler and workspace action of the app", () => {
    const claimed = new Set(Object.values(MATRIX).flatMap((row) => Object.values(row).flatMap((cell) => (Array.isArray(cell) ? cell.map((c) => c.covers) : []))));
    for (const file of claimed) expect(fs.existsSync(path.join(ROOT, file)), `${file} does not exist`).toBe(true);
    const list = (dir: string, pattern: RegExp): string[] =>
      fs.readdirSync(path.join(ROOT, dir), { recursive: true, encoding: "utf8" }).filter((f) => pattern.test(f)).map((f) => path.posix.join(dir, f.split(path.sep).join("/")));
    const doorways = [
      ...list("app/(studio)/[workspace]", /(^|\/)page\.tsx$/),
      ...list("app/api", /(^|\/)route\.ts$/),
      ...list("app/v1", /(^|\/)route\.ts$/),
      ...list("lib/actions", /\.ts$/).filter((f) => fs.readFileSync(path.join(ROOT, f), "utf8").startsWith('"use server"')),
    ];
    expect(doorways.length).toBeGreaterThan(30);
    const exempt = (file: string) => Object.keys(NOT_WORKSPACE_SCOPED).some((prefix) => file === prefix || file.startsWith(`${prefix}/`));
    const unclaimed = doorways.filter((file) => !claimed.has(file) && !exempt(file));
    expect(unclaimed, "doorways no case of the matrix goes through (add a case, or an exemption saying why)").toEqual([]);
  });
});

for (const resource of RESOURCES) {
  for (const doorway of DOORWAYS) {
    const cell = MATRIX[resource][doorway];
    if (!Array.isArray(cell)) continue;
    const overHttp = doorway !== "action";
    describe(`${resource} × ${doorway}`, () => {
      for (const kase of cell) {
        for (const role of ROLES) {
          const expected = expectedFor(role, kase);
          it(`${kase.name} as ${role}: ${expected ? "allowed" : "refused, nothing changed or shown"}`, { timeout: 60_000 }, async () => {
            const scene = overHttp ? shared : await seedScene({ signIn: false });
            const who = scene.people[role];
            session.user = { id: who.userId, email: who.email, name: who.name, role: "user" };
            const call = { scene, role, who, http };
            await kase.prepare?.(scene);
            // Forged first: the real call may change the team (delete it, remove the subject).
            if (kase.forged) await refusedWithNothingChanged(scene, overHttp, role, kase, "the forged call", () => kase.forged!(call));
            if (expected) {
              const verdict = await kase.run(call);
              expect(verdict.allowed, verdict.body.slice(0, 500)).toBe(true);
            } else {
              await refusedWithNothingChanged(scene, overHttp, role, kase, "the call", () => kase.run(call));
            }
          });
        }
      }
    });
  }
}

describe("the books after every call above", () => {
  it("balance for the shared team and every caller's own team (API calls and refusals alike)", async () => {
    const slugs = new Set([shared.team.slug, ...ROLES.map((role) => shared.people[role].ownSlug)]);
    expect((await checkLedger()).drift.filter((d) => slugs.has(d.workspace))).toEqual([]);
  });
});
