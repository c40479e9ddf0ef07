import { renderLandingSample } from "@/lib/landing/render-landing-sample";

// Rendered at build time (static params, force-static): the landing page's sample is the offline model's
// output, made without network and served as a file.
export const dynamic = "force-static";
export const dynamicParams = false;

export function generateStaticParams() {
  return [{ image: "before.png" }, { image: "after.png" }];
}

export async function GET(_request: Request, { params }: RouteContext<"/api/landing/[image]">) {
  const { image } = await params;
  const png = await renderLandingSample(image === "after.png" ? "after" : "before");
  return new Response(new Uint8Array(png), {
    headers: { "content-type": "image/png", "cache-control": "public, max-age=86400" },
  });
}
