import "server-only";
import path from "node:path";
import { env, type Env } from "@/lib/env";
import { createLocalDriver } from "./create-local-driver";
import { createS3Driver, type S3DriverConfig } from "./create-s3-driver";
import type { StorageDriver } from "./storage-driver";

// One driver per process, kept on globalThis so Next's dev reloads don't open a new S3 client per edit.
const globals = globalThis as typeof globalThis & { __darkroomStorage?: StorageDriver };

function required(source: Env, name: "S3_REGION" | "S3_BUCKET" | "S3_ACCESS_KEY_ID" | "S3_SECRET_ACCESS_KEY"): string {
  const value = source[name];
  // parse-env already refuses to start without these; this guards code paths that bypass it (tests, scripts).
  if (!value) throw new Error(`${name} is required when STORAGE_DRIVER=s3`);
  return value;
}

export function s3ConfigFromEnv(source: Env): S3DriverConfig {
  return {
    endpoint: source.S3_ENDPOINT,
    publicEndpoint: source.S3_PUBLIC_ENDPOINT,
    endpointIsPublic: source.S3_ENDPOINT_IS_PUBLIC,
    region: required(source, "S3_REGION"),
    bucket: required(source, "S3_BUCKET"),
    accessKeyId: required(source, "S3_ACCESS_KEY_ID"),
    secretAccessKey: required(source, "S3_SECRET_ACCESS_KEY"),
    forcePathStyle: source.S3_FORCE_PATH_STYLE,
  };
}

/** The configured object storage: STORAGE_DRIVER=local (default, DATA_DIR/objects) or s3. */
export function getStorage(): StorageDriver {
  globals.__darkroomStorage ??=
    env.STORAGE_DRIVER === "s3"
      ? createS3Driver(s3ConfigFromEnv(env))
      : createLocalDriver({ root: path.join(env.DATA_DIR, "objects") });
  return globals.__darkroomStorage;
}
