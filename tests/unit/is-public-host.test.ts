import { describe, expect, it } from "vitest";
import { isPublicHost } from "@/lib/auth/is-public-host";
import { renderWrongHostPage } from "@/lib/auth/render-wrong-host-page";

describe("isPublicHost", () => {
  const at = (headers: Record<string, string>) => new Headers(headers);
  it("matches the Host header against PUBLIC_URL's host and port", () => {
    expect(isPublicHost(at({ host: "darkroom.example" }), "https://darkroom.example", 0)).toBe(true);
    expect(isPublicHost(at({ host: "DarkRoom.example" }), "https://darkroom.example", 0)).toBe(true);
    expect(isPublicHost(at({ host: "127.0.0.1:3000" }), "http://localhost:3000", 0)).toBe(false);
    expect(isPublicHost(at({ host: "darkroom.example:8443" }), "https://darkroom.example", 0)).toBe(false);
    expect(isPublicHost(at({}), "https://darkroom.example", 0)).toBe(false);
  });

  it("reads X-Forwarded-Host only behind trusted proxies", () => {
    const headers = at({ host: "app:3000", "x-forwarded-host": "darkroom.example" });
    expect(isPublicHost(headers, "https://darkroom.example", 1)).toBe(true);
    expect(isPublicHost(headers, "https://darkroom.example", 0)).toBe(false);
  });
});

describe("renderWrongHostPage", () => {
  it("names PUBLIC_URL and escapes the visitor's host", () => {
    const html = renderWrongHostPage("https://darkroom.example", "<script>x</script>");
    expect(html).toContain("https://darkroom.example");
    expect(html).toContain("PUBLIC_URL");
    expect(html).not.toContain("<script>x");
  });
});
