import { describe, expect, it } from "vitest";
import { decodeKeysetCursor, encodeKeysetCursor } from "@/lib/db/keyset-cursor";
import { editResultUrl, runAgainUrl } from "@/lib/gallery/gallery-urls";
import { filtersQuery, gallerySearchSchema } from "@/lib/gallery/schemas";
import { zipEntryNames } from "@/lib/gallery/zip-entry-names";

const ID = "0192f3a4-5b6c-7d8e-9f00-112233445566";

describe("gallery cursor", () => {
  it("round-trips the millisecond and the id, and rejects anything else", () => {
    const cursor = { createdAt: new Date("2026-11-26T01:02:03.456Z"), id: ID };
    expect(decodeKeysetCursor(encodeKeysetCursor(cursor))).toEqual(cursor);
    for (const bad of ["", "x", Buffer.from(`123.not-a-uuid`).toString("base64url"), Buffer.from(`abc.${ID}`).toString("base64url"), "a".repeat(200)]) {
      expect(decodeKeysetCursor(bad)).toBeNull();
    }
  });
});

describe("gallery search parameters", () => {
  it("keeps valid filters, drops what doesn't parse, and writes them back as a query", () => {
    const parsed = gallerySearchSchema.parse({ model: " gpt-image-1 ", creator: ID.toUpperCase(), from: "2026-02-30", to: "2026-03-01", cursor: "junk" });
    expect(parsed).toEqual({ cursor: undefined, model: "gpt-image-1", creatorId: ID, from: undefined, to: "2026-03-01" });
    expect(filtersQuery(parsed)).toBe(`model=gpt-image-1&creator=${ID}&to=2026-03-01`);
    expect(gallerySearchSchema.parse({})).toEqual({ cursor: undefined, model: undefined, creatorId: undefined, from: undefined, to: undefined });
  });
});

describe("edit this result / run again", () => {
  const OTHER = "0192f3a4-5b6c-7d8e-9f00-665544332211";
  it("edits the result: the studio with it as the only input and no prompt", () => {
    expect(editResultUrl("team", ID)).toBe(`/team?input=${ID}`);
  });
  it("runs the edit again: its inputs in order, model and prompt, percent-encoded", () => {
    expect(runAgainUrl("team", { inputIds: [OTHER, ID], model: "gpt-image-1", prompt: "a cat & a hat?" })).toBe(
      `/team?input=${OTHER}&input=${ID}&model=gpt-image-1&prompt=a%20cat%20%26%20a%20hat%3F`,
    );
    expect(runAgainUrl("team", { inputIds: [ID], model: "darkroom-local", prompt: "" })).toBe(`/team?input=${ID}&model=darkroom-local`);
  });
});

describe("zip entry names", () => {
  it("uses the upload's name with the stored type's extension, else model-id, unique case-insensitively", () => {
    const names = zipEntryNames([
      { id: "a", originalName: "Holiday.JPG", model: null, extension: "png" },
      { id: "b", originalName: "holiday.png", model: null, extension: "png" },
      { id: "c", originalName: null, model: "gpt-image-1", extension: "webp" },
      { id: "d", originalName: "a/b\\c:d\u0000.png", model: null, extension: "png" },
      { id: "e", originalName: "...", model: null, extension: "jpg" },
      { id: "f", originalName: "holiday", model: null, extension: "png" },
    ]);
    expect(names).toEqual(["Holiday.png", "holiday (2).png", "gpt-image-1-c.webp", "a_b_c_d.png", "image-e.jpg", "holiday (3).png"]);
  });
});
