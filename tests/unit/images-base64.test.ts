import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createBase64Decoder } from "@/lib/gateway/images/create-base64-decoder";
import { seededRandom } from "@/tests/fixtures/fake-upstream/read-spec-fixtures";

function decode(pieces: string[]) {
  const out: Uint8Array[] = [];
  const decoder = createBase64Decoder((b) => out.push(b));
  for (const piece of pieces) decoder.write(piece);
  const result = decoder.end();
  return { bytes: Buffer.concat(out), ...result };
}

describe("createBase64Decoder", () => {
  const random = seededRandom(7);
  const samples = [0, 1, 2, 3, 4, 5, 100, 1001].map((n) => Buffer.from(Array.from({ length: n }, () => Math.floor(random() * 256))));

  it.each(samples.map((s) => [s.length, s] as const))("decodes %i bytes split at every position", (_n, sample) => {
    const text = sample.toString("base64");
    for (let cut = 0; cut <= text.length; cut++) {
      for (let cut2 = cut; cut2 <= Math.min(text.length, cut + 5); cut2++) {
        const result = decode([text.slice(0, cut), text.slice(cut, cut2), text.slice(cut2)]);
        expect(result.bytes.equals(sample)).toBe(true);
        expect(result.byteLength).toBe(sample.length);
      }
    }
  });

  it("reports the SHA-256 of the decoded bytes", () => {
    const sample = samples.at(-1)!;
    expect(decode([sample.toString("base64")]).sha256).toBe(createHash("sha256").update(sample).digest("hex"));
  });

  it("decodes one character at a time", () => {
    const sample = samples.at(-1)!;
    expect(decode([...sample.toString("base64")]).bytes.equals(sample)).toBe(true);
  });

  it("accepts unpadded, URL-safe and line-wrapped base64", () => {
    const sample = samples[6]!;
    const unpadded = sample.toString("base64url");
    expect(decode([unpadded.slice(0, 33), unpadded.slice(33)]).bytes.equals(sample)).toBe(true);
    const wrapped = sample.toString("base64").replace(/(.{76})/g, "$1\r\n");
    expect(decode([wrapped.slice(0, 50), wrapped.slice(50)]).bytes.equals(sample)).toBe(true);
  });

  it("ignores anything after the padding", () => {
    expect(decode(["QQ==", "QUFB"]).bytes.toString()).toBe("A");
  });
});
