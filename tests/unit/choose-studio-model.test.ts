import { describe, expect, it } from "vitest";
import { chooseStudioModel } from "@/lib/jobs/choose-studio-model";

const prices = (perImage: number) => ({ perRequest: 1, perImage, per1kPrompt: 1, per1kCompletion: 2, tokenCeiling: 4096 });
const local = { id: "darkroom-local", provider: "local" as const, prices: { perRequest: 1, perImage: 0, per1kPrompt: 0, per1kCompletion: 0, tokenCeiling: 0 }, typicalSeconds: 1 };
const dear = { id: "dear", provider: "upstream" as const, prices: prices(8), typicalSeconds: 10 };
const cheapSlow = { id: "cheap-slow", provider: "upstream" as const, prices: prices(3), typicalSeconds: 40 };
const cheapFast = { id: "cheap-fast", provider: "upstream" as const, prices: prices(3), typicalSeconds: 20 };

describe("chooseStudioModel", () => {
  it("keeps a link's model, else the person's last one, when still offered", () => {
    expect(chooseStudioModel([local, dear], ["dear", "darkroom-local"])).toBe("dear");
    expect(chooseStudioModel([local, dear], [null, "darkroom-local"])).toBe("darkroom-local");
    expect(chooseStudioModel([local, dear], ["gone", "also-gone"])).toBe("dear");
  });

  it("gives a newcomer the cheapest provider model (the faster on a tie), or the offline one without providers", () => {
    expect(chooseStudioModel([local, dear, cheapSlow, cheapFast], [])).toBe("cheap-fast");
    expect(chooseStudioModel([local], [undefined])).toBe("darkroom-local");
    expect(chooseStudioModel([], [])).toBe("");
  });
});
