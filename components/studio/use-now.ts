"use client";

import { useSyncExternalStore } from "react";

// One clock for every running tile: each subscriber gets a tick a second. Server timestamps are compared with
// the browser's clock corrected by how far it was from the server's when the page was rendered.
let clockOffset = 0;

export function syncClock(serverNow: number): void {
  clockOffset = serverNow - Date.now();
}

function subscribe(onTick: () => void): () => void {
  const timer = setInterval(onTick, 1000);
  return () => clearInterval(timer);
}

const noSubscription = () => () => {};

/** Server-time milliseconds, whole seconds, ticking while `ticking`; `serverNow` during hydration. */
export function useNow(serverNow: number, ticking: boolean): number {
  return useSyncExternalStore(
    ticking ? subscribe : noSubscription,
    () => (ticking ? Math.floor((Date.now() + clockOffset) / 1000) * 1000 : serverNow),
    () => serverNow,
  );
}

/** 0:07, 3:41, 1:02:09. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, "0");
  return hours ? `${hours}:${String(minutes).padStart(2, "0")}:${seconds}` : `${minutes}:${seconds}`;
}

/** "1 minute 5 seconds", for screen readers. */
export function describeElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  const part = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;
  return minutes ? `${part(minutes, "minute")} ${part(seconds, "second")}` : part(seconds, "second");
}
