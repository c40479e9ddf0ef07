import { BeforeAfterSlider } from "./before-after-slider";

export type CompareImage = { src: string; label: string; width: number; height: number };

/** Shapes closer than this (2%) are the same shape: a resize that rounds a pixel isn't a turn. */
const SAME_SHAPE = 0.02;

/**
 * A result beside the image it was made from. The same shape: the slider, one over the other. A different shape
 * (a 90° turn, a crop): side by side, each whole, since a slider would letterbox one of them.
 */
export function BeforeAfter({ before, after }: { before: CompareImage; after: CompareImage }) {
  const ratio = (i: CompareImage) => i.width / i.height;
  if (Math.abs(ratio(before) / ratio(after) - 1) <= SAME_SHAPE) return <BeforeAfterSlider before={before} after={after} />;
  return (
    // Widths in proportion to the shapes: both images stand at the same height, filling the row.
    <div className="flex items-start gap-3">
      {[before, after].map((image, i) => (
        <figure key={i} className="grid min-w-0 gap-1" style={{ flex: `${ratio(image)} 1 0` }}>
          {/* eslint-disable-next-line @next/next/no-img-element -- the original through the authorised file route */}
          <img src={image.src} alt={image.label} width={image.width} height={image.height} className="h-auto w-full rounded-lg border border-border bg-muted/40" />
          <figcaption className="text-sm text-muted-foreground">{i === 0 ? "Before" : "After"}</figcaption>
        </figure>
      ))}
    </div>
  );
}
