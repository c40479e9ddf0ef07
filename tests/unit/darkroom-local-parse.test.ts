import { describe, expect, it } from "vitest";

import { countCompletionTokens, countPromptTokens } from "@/lib/models/darkroom-local/count-local-tokens";
import { describeEditOps } from "@/lib/models/darkroom-local/describe-edit-ops";
import {
  DEFAULT_EDIT_OPS,
  MAX_EDIT_OPS,
  matchEditOps,
  parseEditOps,
} from "@/lib/models/darkroom-local/parse-edit-ops";

describe("parseEditOps", () => {
  it.each([
    ["make it Grayscale", [{ kind: "grayscale" }]],
    ["greyscale please", [{ kind: "grayscale" }]],
    ["black and white", [{ kind: "grayscale" }]],
    ["invert the colours", [{ kind: "invert" }]],
    ["a photo negative", [{ kind: "invert" }]],
    ["blur", [{ kind: "blur", sigma: 4 }]],
    ["blur 5", [{ kind: "blur", sigma: 5 }]],
    ["BLUR by 500", [{ kind: "blur", sigma: 40 }]],
    ["sharpen", [{ kind: "sharpen" }]],
    ["rotate", [{ kind: "rotate", degrees: 90 }]],
    ["rotate 180", [{ kind: "rotate", degrees: 180 }]],
    ["rotate it by 270 degrees", [{ kind: "rotate", degrees: 270 }]],
    ["rotate -90", [{ kind: "rotate", degrees: 270 }]],
    ["rotate 45°", [{ kind: "rotate", degrees: 45 }]],
    ["rotate left", [{ kind: "rotate", degrees: 270 }]],
    ["rotate right", [{ kind: "rotate", degrees: 90 }]],
    ["rotate counter-clockwise", [{ kind: "rotate", degrees: 270 }]],
    ["turn it upside down", [{ kind: "rotate", degrees: 180 }]],
    ["flip", [{ kind: "flip" }]],
    ["flip vertically", [{ kind: "flip" }]],
    ["flip horizontally", [{ kind: "mirror" }]],
    ["mirror", [{ kind: "mirror" }]],
    ["sepia", [{ kind: "sepia" }]],
    ["brighten", [{ kind: "brightness", factor: 1.3 }]],
    ["darker", [{ kind: "brightness", factor: 0.7 }]],
    ["more contrast", [{ kind: "contrast", factor: 1.4 }]],
    ["less contrast", [{ kind: "contrast", factor: 0.7 }]],
    ["warmer", [{ kind: "temperature", tone: "warm" }]],
    ["cool tones", [{ kind: "temperature", tone: "cool" }]],
    ["pixelate", [{ kind: "pixelate", block: 12 }]],
    ["pixelate 20", [{ kind: "pixelate", block: 20 }]],
    ["thumbnail", [{ kind: "resize", width: 256, height: 256 }]],
    ["resize to 300x200", [{ kind: "resize", width: 300, height: 200 }]],
    ["resize 100", [{ kind: "resize", width: 100, height: 100 }]],
    ["rotate 0", []],
  ])("%s", (prompt, expected) => {
    expect(matchEditOps(prompt)).toEqual(expected);
  });

  it("keeps prompt order when several edits combine", () => {
    expect(matchEditOps("Mirror it, then grayscale, then blur 2 and rotate right")).toEqual([
      { kind: "mirror" },
      { kind: "grayscale" },
      { kind: "blur", sigma: 2 },
      { kind: "rotate", degrees: 90 },
    ]);
  });

  it("counts 'gray scale' once, not also as another word", () => {
    expect(matchEditOps("gray scale and sepia")).toEqual([{ kind: "grayscale" }, { kind: "sepia" }]);
  });

  it("falls back to the default look when no edit is named", () => {
    expect(matchEditOps("a cat on the moon")).toEqual([]);
    expect(parseEditOps("a cat on the moon")).toEqual(DEFAULT_EDIT_OPS);
    expect(describeEditOps(parseEditOps(""))).toBe("duotone → border");
  });

  it("caps the number of edits", () => {
    expect(parseEditOps("blur ".repeat(1000))).toHaveLength(MAX_EDIT_OPS);
  });
});

describe("token counting", () => {
  it("counts text at 4 characters a token and each image part at a fixed count", () => {
    const messages = [
      { role: "system", content: "12345678" },
      {
        role: "user",
        content: [
          { type: "text" as const, text: "abc" },
          { type: "image_url" as const, image_url: { url: `data:image/png;base64,${"A".repeat(4000)}` } },
          { type: "image_url" as const, image_url: { url: "https://example.com/x.png" } },
        ],
      },
    ];
    expect(countPromptTokens(messages)).toBe(Math.ceil(11 / 4) + 2 * 85);
    expect(countCompletionTokens("abcdefgh", 3)).toBe(2 + 3 * 272);
  });
});
