import { expect, it } from "vitest";
import { resultsPerCall } from "@/lib/billing/results-per-call";
import { estimateEditCredits } from "@/lib/jobs/estimate-edit-credits";

const prices = { perRequest: 1, perImage: 1, per1kPrompt: 0, per1kCompletion: 0, tokenCeiling: 0 };

it("counts the offline model's results per input image, a provider's per call", () => {
  expect(resultsPerCall("local", { n: 2, inputImages: 3 })).toBe(6);
  expect(resultsPerCall("local", { n: 2, inputImages: 0 })).toBe(2); // one generated image per variation
  expect(resultsPerCall("upstream", { n: 2, inputImages: 3 })).toBe(2);
});

it("the studio's estimate holds for every result the offline model will make", () => {
  expect(estimateEditCredits({ provider: "local", prices }, { promptChars: 10, images: 2, n: 2 })).toBe(8);
  expect(estimateEditCredits({ provider: "upstream", prices }, { promptChars: 10, images: 2, n: 2 })).toBe(4);
});
