import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env/parse-env";
import { contentDisposition } from "@/lib/storage/content-disposition";
import { isObjectKey, makeObjectKey, objectKeyExtension } from "@/lib/storage/make-object-key";
import { StorageError } from "@/lib/storage/storage-driver";

describe("makeObjectKey", () => {
  const workspaceId = randomUUID();

  it("makes workspaces/<id>/<kind>/<uuid>.<ext>, fresh every time", () => {
    const key = makeObjectKey(workspaceId, "results", ".PNG");
    expect(key).toMatch(new RegExp(`^workspaces/${workspaceId}/results/[0-9a-f-]{36}\\.png$`));
    expect(isObjectKey(key)).toBe(true);
    expect(objectKeyExtension(key)).toBe("png");
    expect(makeObjectKey(workspaceId, "results", "png")).not.toBe(key);
  });

  it("refuses a workspace id that is not a UUID and extensions that could carry a path", () => {
    for (const [id, ext] of [["../x", "png"], [workspaceId, "png/../x"], [workspaceId, ""], [workspaceId, "a.b"]]) {
      expect(() => makeObjectKey(id!, "uploads", ext!)).toThrow(StorageError);
    }
  });
});

describe("contentDisposition", () => {
  it("keeps plain names as they are", () => {
    expect(contentDisposition("inline", "cat.png")).toBe(`inline; filename="cat.png"; filename*=UTF-8''cat.png`);
  });

  it("gives an ASCII fallback and the exact UTF-8 name; quotes, separators and control characters never break out", () => {
    const header = contentDisposition("attachment", 'a/b\\"c"\r\nSet-Cookie: x=1;日本.png');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header).toBe(
      `attachment; filename="a_b__c_Set-Cookie: x=1___.png"; filename*=UTF-8''a_b_%22c%22Set-Cookie%3A%20x%3D1%3B%E6%97%A5%E6%9C%AC.png`,
    );
  });

  it("never yields an empty or dot-leading name", () => {
    expect(contentDisposition("attachment", "")).toContain(`filename="download"`);
    expect(contentDisposition("attachment", "..png")).toContain(`filename="png"`);
  });
});

describe("storage settings", () => {
  const s3 = { STORAGE_DRIVER: "s3", S3_REGION: "us-east-1", S3_BUCKET: "b", S3_ACCESS_KEY_ID: "k", S3_SECRET_ACCESS_KEY: "s" };

  it("defaults to local storage", () => {
    expect(parseEnv({}).STORAGE_DRIVER).toBe("local");
  });

  it("s3 needs region, bucket and both keys, and names the missing one", () => {
    expect(parseEnv(s3)).toMatchObject({ STORAGE_DRIVER: "s3", S3_FORCE_PATH_STYLE: false, S3_ENDPOINT_IS_PUBLIC: false });
    expect(() => parseEnv({ ...s3, S3_BUCKET: "" })).toThrow(/S3_BUCKET: is required when STORAGE_DRIVER=s3/);
    expect(() => parseEnv({ ...s3, S3_SECRET_ACCESS_KEY: undefined })).toThrow(/S3_SECRET_ACCESS_KEY/);
    expect(() => parseEnv({ STORAGE_DRIVER: "gcs" })).toThrow(EnvError);
    expect(() => parseEnv({ ...s3, S3_ENDPOINT: "ftp://x" })).toThrow(/S3_ENDPOINT/);
  });
});
