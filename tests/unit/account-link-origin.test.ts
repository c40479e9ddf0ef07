import { afterEach, describe, expect, it } from "vitest";
import { accountLinkOrigin } from "@/lib/accounts/account-link-origin";
import { env } from "@/lib/env";

const mutableEnv = env as { NODE_ENV: string; PUBLIC_URL: string; PUBLIC_URL_CONFIGURED: boolean };
const saved = { ...mutableEnv };
afterEach(() => {
  Object.assign(mutableEnv, { NODE_ENV: saved.NODE_ENV, PUBLIC_URL: saved.PUBLIC_URL, PUBLIC_URL_CONFIGURED: saved.PUBLIC_URL_CONFIGURED });
});

describe("accountLinkOrigin (where mailed links point)", () => {
  it("development without PUBLIC_URL: the host the sign-up came to", () => {
    Object.assign(mutableEnv, { NODE_ENV: "development", PUBLIC_URL: "http://localhost:3000", PUBLIC_URL_CONFIGURED: false });
    expect(accountLinkOrigin(new Headers({ host: "127.0.0.1:3000" }))).toBe("http://127.0.0.1:3000");
    expect(accountLinkOrigin(new Headers({ host: "studio.lan:3000", "x-forwarded-proto": "https" }))).toBe("https://studio.lan:3000");
    expect(accountLinkOrigin(new Headers({ host: "bad host/" }))).toBe("http://localhost:3000");
    expect(accountLinkOrigin(new Headers())).toBe("http://localhost:3000");
  });

  it("production, or PUBLIC_URL set: always PUBLIC_URL, whatever the Host header says", () => {
    Object.assign(mutableEnv, { NODE_ENV: "production", PUBLIC_URL: "https://darkroom.example", PUBLIC_URL_CONFIGURED: true });
    expect(accountLinkOrigin(new Headers({ host: "evil.example" }))).toBe("https://darkroom.example");
    Object.assign(mutableEnv, { NODE_ENV: "development" });
    expect(accountLinkOrigin(new Headers({ host: "127.0.0.1:3000" }))).toBe("https://darkroom.example");
  });
});
