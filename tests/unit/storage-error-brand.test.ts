import { describe, expect, it, vi } from "vitest";

// The storage driver is a process-wide singleton on globalThis, so in the production bundle it may have been made
// by another chunk's copy of storage-driver.ts (the in-app edit worker's, say) than the route handler that catches
// its errors: `instanceof` against the handler's own class then misses, and a missing file answered 500, not 404.
describe("isObjectNotFound", () => {
  it("recognises a not-found thrown by another copy of the storage module", async () => {
    const first = await import("@/lib/storage/storage-driver");
    vi.resetModules();
    const second = await import("@/lib/storage/storage-driver");
    expect(second.StorageError).not.toBe(first.StorageError);
    expect(second.isObjectNotFound(new first.StorageError("not_found", "object not found"))).toBe(true);
    expect(first.isObjectNotFound(new second.StorageError("not_found", "object not found"))).toBe(true);
  });

  it("is false for other storage errors and for look-alikes", async () => {
    const { isObjectNotFound, StorageError } = await import("@/lib/storage/storage-driver");
    expect(isObjectNotFound(new StorageError("invalid_key", "invalid object key"))).toBe(false);
    expect(isObjectNotFound(Object.assign(new Error("object not found"), { code: "not_found", name: "StorageError" }))).toBe(false);
    expect(isObjectNotFound({ code: "not_found" })).toBe(false);
    expect(isObjectNotFound(null)).toBe(false);
  });
});
