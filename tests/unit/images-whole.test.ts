import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { isWholeImage } from "@/lib/gateway/images/is-whole-image";

const whole = (bytes: Buffer) => isWholeImage(bytes.subarray(0, 16), bytes.subarray(-16), bytes.length);

describe("isWholeImage: did a data image's payload arrive to its last byte?", () => {
  it.each(["png", "jpeg", "gif", "webp"] as const)("%s: whole yes, truncated no", async (format) => {
    const bytes = await sharp({ create: { width: 24, height: 16, channels: 3, background: "#c0ffee" } }).toFormat(format).toBuffer();
    expect(whole(bytes)).toBe(true);
    expect(whole(bytes.subarray(0, bytes.length - 5))).toBe(false);
    expect(whole(bytes.subarray(0, bytes.length >> 1))).toBe(false);
  });

  it("not an image at all: no", () => {
    expect(whole(Buffer.from("<html><body>hello</body></html>"))).toBe(false);
  });
});
