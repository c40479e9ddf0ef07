import { expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env/parse-env";

it("defaults the upload limits to 10 MiB and 40 MP, and refuses nonsense", () => {
  const env = parseEnv({});
  expect([env.UPLOAD_MAX_BYTES, env.UPLOAD_MAX_PIXELS]).toEqual([10 * 1024 * 1024, 40_000_000]);
  expect(parseEnv({ UPLOAD_MAX_BYTES: "1048576", UPLOAD_MAX_PIXELS: " " }).UPLOAD_MAX_BYTES).toBe(1_048_576);
  expect(() => parseEnv({ UPLOAD_MAX_PIXELS: "0" })).toThrow(EnvError);
  expect(() => parseEnv({ UPLOAD_MAX_BYTES: "10MB" })).toThrow(/UPLOAD_MAX_BYTES/);
});
