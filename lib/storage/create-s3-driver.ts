import "server-only";
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import type { Readable } from "node:stream";
import { contentDisposition } from "./content-disposition";
import { assertObjectKey, isObjectKey } from "./make-object-key";
import { type ListedObject, type PutBody, type PutOptions, type SignedReadOptions, StorageError, type StorageDriver } from "./storage-driver";
import { checkLength, countBytes, toNodeReadable } from "./to-node-readable";

export type S3DriverConfig = {
  /** Unset: AWS S3 for the region. */
  endpoint?: string;
  /** The origin browsers (and upstream models) reach, when it differs from `endpoint`: read URLs are signed for it. */
  publicEndpoint?: string;
  /** True when read URLs are reachable from the internet. */
  endpointIsPublic: boolean;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  forcePathStyle: boolean;
};

// Below this a stream of unknown length goes up in one request; above it, in parts of this size.
const PART_SIZE = 8 * 1024 * 1024;

function client(config: S3DriverConfig, endpoint: string | undefined): S3Client {
  return new S3Client({
    endpoint,
    region: config.region,
    forcePathStyle: config.forcePathStyle,
    credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
    // The SDK's default streamed-checksum upload format is rejected by Ceph (411 MissingContentLength) and
    // other S3-compatible servers; checksums only where the API requires them.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
}

function isNotFound(error: unknown): boolean {
  const name = (error as { name?: string })?.name;
  return name === "NoSuchKey" || name === "NotFound";
}

/** An S3-compatible bucket (AWS S3, Cloudflare R2, MinIO, Ceph radosgw). */
export function createS3Driver(config: S3DriverConfig): StorageDriver {
  const s3 = client(config, config.endpoint);
  const signer = config.publicEndpoint ? client(config, config.publicEndpoint) : s3;
  const Bucket = config.bucket;
  const checked = (key: string) => (assertObjectKey(key), key);

  return {
    name: "s3",
    publicReadUrls: config.endpointIsPublic,

    async put(key: string, body: PutBody, { contentType, contentLength }: PutOptions) {
      const Key = checked(key);
      const stream = toNodeReadable(body);
      if (!stream) {
        const bytes = body as Uint8Array;
        checkLength(bytes, contentLength);
        await s3.send(new PutObjectCommand({ Bucket, Key, Body: bytes, ContentType: contentType, ContentLength: bytes.byteLength }));
        return { size: bytes.byteLength };
      }
      const counted = countBytes(stream, contentLength);
      if (contentLength !== undefined) {
        // A declared length streams straight through in one request; a short stream fails instead of hanging.
        // A failing body does not end the SDK's request by itself (it would wait for the missing bytes): abort
        // it, and report the body's reason (size_mismatch) rather than the abort.
        let bodyError: unknown;
        const abort = new AbortController();
        counted.stream.once("error", (error) => {
          bodyError = error;
          abort.abort(error);
        });
        const command = new PutObjectCommand({ Bucket, Key, Body: counted.stream, ContentType: contentType, ContentLength: contentLength });
        await s3.send(command, { abortSignal: abort.signal }).catch((error: unknown) => Promise.reject(bodyError ?? error));
        return { size: contentLength };
      }
      // Unknown length: lib-storage buffers parts (queueSize × partSize at most) and uploads them as multipart.
      const params = { Bucket, Key, Body: counted.stream, ContentType: contentType };
      await new Upload({ client: s3, params, partSize: PART_SIZE, queueSize: 2 }).done();
      return { size: counted.bytes() };
    },

    async getStream(key: string) {
      try {
        const out = await s3.send(new GetObjectCommand({ Bucket, Key: checked(key) }));
        return { stream: out.Body as Readable, contentType: out.ContentType, contentLength: out.ContentLength ?? 0 };
      } catch (error) {
        if (isNotFound(error)) throw new StorageError("not_found", "object not found", { cause: error });
        throw error;
      }
    },

    async head(key: string) {
      try {
        const out = await s3.send(new HeadObjectCommand({ Bucket, Key: checked(key) }));
        return { size: out.ContentLength ?? 0, contentType: out.ContentType ?? "application/octet-stream" };
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },

    async delete(key: string) {
      await s3.send(new DeleteObjectCommand({ Bucket, Key: checked(key) }));
    },

    async signedReadUrl(key: string, { expiresInSeconds, downloadName, contentType }: SignedReadOptions) {
      const command = new GetObjectCommand({
        Bucket,
        Key: checked(key),
        ResponseContentType: contentType,
        ResponseContentDisposition: downloadName ? contentDisposition("attachment", downloadName) : undefined,
      });
      return getSignedUrl(signer, command, { expiresIn: expiresInSeconds });
    },

    async *list(prefix: string): AsyncGenerator<ListedObject> {
      let ContinuationToken: string | undefined;
      do {
        const page = await s3.send(new ListObjectsV2Command({ Bucket, Prefix: prefix, ContinuationToken, MaxKeys: 1000 }));
        for (const object of page.Contents ?? []) {
          if (!object.Key || !isObjectKey(object.Key)) continue;
          yield { key: object.Key, lastModified: object.LastModified ?? new Date(0), size: object.Size ?? 0 };
        }
        ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (ContinuationToken);
    },
  };
}
