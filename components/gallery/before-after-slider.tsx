"use client";

import { useId, useState } from "react";

type Props = {
  before: { src: string; label: string };
  after: { src: string; label: string; width: number; height: number };
};

/**
 * The result over its input, split by a divider the person moves: with the range input under it (arrow keys,
 * Page Up/Down, Home/End, or a drag), or by dragging on the picture itself.
 */
export function BeforeAfterSlider({ before, after }: Props) {
  const [position, setPosition] = useState(50);
  const id = useId();
  return (
    <div className="grid gap-2">
      <div className="relative overflow-hidden rounded-lg border border-border bg-muted/40" style={{ aspectRatio: `${after.width} / ${after.height}` }}>
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img src={after.src} alt={after.label} className="absolute inset-0 size-full object-contain" />
        <div className="absolute inset-0" style={{ clipPath: `inset(0 ${100 - position}% 0 0)` }}>
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img src={before.src} alt={before.label} className="absolute inset-0 size-full object-contain" />
        </div>
        <div aria-hidden className="pointer-events-none absolute inset-y-0 w-0.5 -translate-x-1/2 bg-white shadow-[0_0_0_1px_rgba(0,0,0,0.4)]" style={{ left: `${position}%` }} />
        <span aria-hidden className="absolute left-2 top-2 rounded bg-black/60 px-1.5 py-0.5 text-xs text-white">Before</span>
        <span aria-hidden className="absolute right-2 top-2 rounded bg-black/60 px-1.5 py-0.5 text-xs text-white">After</span>
      </div>
      <label htmlFor={id} className="text-sm font-medium">
        Compare before and after
      </label>
      <input
        id={id}
        type="range"
        min={0}
        max={100}
        step={1}
        value={position}
        onChange={(event) => setPosition(Number(event.target.value))}
        aria-valuetext={`${position}% before, ${100 - position}% after`}
        className="h-6 w-full accent-primary"
      />
    </div>
  );
}
