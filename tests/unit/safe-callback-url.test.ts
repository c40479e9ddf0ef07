import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "@/lib/auth/safe-callback-url";

describe("safeCallbackUrl", () => {
  it("keeps same-site paths with their query and fragment", () => {
    expect(safeCallbackUrl("/acme/gallery?tag=a#top")).toBe("/acme/gallery?tag=a#top");
    expect(safeCallbackUrl("/invite/abc", "")).toBe("/invite/abc");
    expect(safeCallbackUrl("/a/../b")).toBe("/b");
  });

  it.each([
    ["/\t/evil.example"], // what callbackUrl=/%09/evil.example decodes to; browsers drop the tab
    ["/\n/evil.example"],
    ["/\r\n/evil.example"],
    ["//evil.example"],
    ["/\\evil.example"],
    ["/\\/evil.example"],
    ["/.//evil.example"], // normalises to //evil.example
    ["/%2e/%2fevil.example/../..//evil.example"],
    ["https://evil.example/"],
    ["javascript:alert(1)"],
    [" /x"],
    ["evil.example"],
    [""],
  ])("refuses %j", (value) => {
    const result = safeCallbackUrl(value, "/fallback");
    expect(result).toBe("/fallback");
  });

  it("never returns anything a browser would resolve off-site", () => {
    const tricky = ["/\t/evil.example", "/%09/evil.example", "/ /evil.example", "/\u0000/evil.example", "/.\t//evil.example"];
    for (const value of tricky) {
      const result = safeCallbackUrl(value, "/");
      expect(new URL(result, "https://darkroom.test").origin).toBe("https://darkroom.test");
    }
  });

  it("with an origin, accepts absolute URLs on exactly that origin", () => {
    expect(safeCallbackUrl("https://darkroom.test/acme?x=1", "/", "https://darkroom.test")).toBe("/acme?x=1");
    expect(safeCallbackUrl("https://darkroom.test.evil.example/acme", "/", "https://darkroom.test")).toBe("/");
    expect(safeCallbackUrl("https://user@darkroom.test/acme", "/", "https://darkroom.test")).toBe("/");
    expect(safeCallbackUrl("http://darkroom.test/acme", "/", "https://darkroom.test")).toBe("/");
  });
});
