import { describe, expect, it } from "vitest";
import { createKeyedSlots } from "@/lib/limits/create-keyed-slots";

describe("createKeyedSlots", () => {
  it("gives each key up to the limit, frees a slot on release (once, however often it is called), and keys don't share", () => {
    let limit = 2;
    const acquire = createKeyedSlots(() => limit);
    const a1 = acquire("a");
    const a2 = acquire("a");
    expect(a1).toBeTypeOf("function");
    expect(a2).toBeTypeOf("function");
    expect(acquire("a")).toBeNull();
    expect(acquire("b")).toBeTypeOf("function");
    a1!();
    a1!(); // a second call must not free a slot it does not hold
    expect(acquire("a")).toBeTypeOf("function");
    expect(acquire("a")).toBeNull();
    limit = 3; // read at each acquire
    expect(acquire("a")).toBeTypeOf("function");
  });
});
