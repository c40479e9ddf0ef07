import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { GatewayError } from "@/lib/gateway/gateway-error";
import { checkDataImages } from "@/lib/gateway/request/check-data-images";
import type { ChatRequest } from "@/lib/gateway/request/chat-request-schema";

const request = (...urls: string[]): ChatRequest => ({
  model: "m",
  messages: [{ role: "user", content: [{ type: "text", text: "edit" }, ...urls.map((url) => ({ type: "image_url" as const, image_url: { url } }))] }],
});
const dataUrl = (mime: string, bytes: Buffer) => `data:${mime};base64,${bytes.toString("base64")}`;
const image = (format: "png" | "jpeg" | "webp" | "gif", width = 8) =>
  sharp({ create: { width, height: 8, channels: 3, background: "#336699" } }).toFormat(format).toBuffer();

describe("checkDataImages: data: images are judged by their bytes", () => {
  it.each(["png", "jpeg", "webp", "gif"] as const)("a real %s passes (whatever image type the URL claims)", async (format) => {
    const bytes = await image(format);
    await expect(checkDataImages(request(dataUrl(`image/${format}`, bytes), dataUrl("image/png", bytes)))).resolves.toBeUndefined();
  });

  it.each([
    ["HTML", Buffer.from("<!DOCTYPE html><html><body>not an image</body></html>")],
    ["an SVG", Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')],
    ["a PDF", Buffer.from("%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n")],
    ["nothing", Buffer.alloc(0)],
  ])("%s in a data:image/png URL: 400 invalid_image_url naming the part", async (_label, bytes) => {
    const error = await checkDataImages(request("https://example.com/a.png", dataUrl("image/png", bytes))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayError);
    expect((error as GatewayError).toJSON().error).toMatchObject({
      type: "invalid_request_error",
      code: "invalid_image_url",
      param: "messages[0].content[2].image_url.url",
    });
    expect((error as GatewayError).status).toBe(400);
  });

  it("judges the head only: a PNG head with 24 MiB of anything after it passes (the rest is never decoded)", async () => {
    const big = Buffer.concat([await image("png"), Buffer.alloc(24 * 1024 * 1024, 7)]);
    await expect(checkDataImages(request(dataUrl("image/png", big)))).resolves.toBeUndefined();
    const html = Buffer.concat([Buffer.from("<html>"), await image("png")]);
    await expect(checkDataImages(request(dataUrl("image/png", html)))).rejects.toBeInstanceOf(GatewayError);
  });
});
