import { describe, expect, it } from "vitest";
import { pickVerifiedGitHubEmail } from "@/lib/auth/pick-verified-github-email";

describe("pickVerifiedGitHubEmail", () => {
  it("takes the primary address when GitHub verified it", () => {
    expect(
      pickVerifiedGitHubEmail([
        { email: "other@example.test", verified: true, primary: false },
        { email: "main@example.test", verified: true, primary: true },
      ]),
    ).toBe("main@example.test");
  });

  it("skips an unverified primary for the first verified address", () => {
    expect(
      pickVerifiedGitHubEmail([
        { email: "main@example.test", verified: false, primary: true },
        { email: "second@example.test", verified: true, primary: false },
      ]),
    ).toBe("second@example.test");
  });

  it("has nothing to offer when no address is verified, or the answer is not the documented list", () => {
    expect(pickVerifiedGitHubEmail([{ email: "main@example.test", verified: false, primary: true }])).toBeNull();
    expect(pickVerifiedGitHubEmail([{ email: "main@example.test", primary: true }])).toBeNull();
    expect(pickVerifiedGitHubEmail([])).toBeNull();
    expect(pickVerifiedGitHubEmail({ message: "Not Found" })).toBeNull();
    expect(pickVerifiedGitHubEmail(null)).toBeNull();
  });
});
