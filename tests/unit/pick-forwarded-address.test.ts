import { describe, expect, it } from "vitest";
import { pickForwardedAddress } from "@/lib/auth/pick-forwarded-address";

describe("pickForwardedAddress", () => {
  it("without trusted hops, is the socket's address whatever the header says", () => {
    expect(pickForwardedAddress("10.0.0.2", "203.0.113.9", 0)).toBe("10.0.0.2");
  });

  it("takes the entry the given number of hops from the right, not the client-written left-most", () => {
    expect(pickForwardedAddress("10.0.0.2", "1.2.3.4, 203.0.113.9", 1)).toBe("203.0.113.9");
    expect(pickForwardedAddress("10.0.0.3", "1.2.3.4, 203.0.113.9, 10.0.0.2", 2)).toBe("203.0.113.9");
  });

  it("with fewer entries than hops, the left-most; with no header, the socket", () => {
    expect(pickForwardedAddress("10.0.0.2", "203.0.113.9", 3)).toBe("203.0.113.9");
    expect(pickForwardedAddress("10.0.0.2", null, 1)).toBe("10.0.0.2");
    expect(pickForwardedAddress("10.0.0.2", " , ", 1)).toBe("10.0.0.2");
  });
});
