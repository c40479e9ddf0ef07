/** Where in the response an image was found (the spec's forms 1–2, 3 and 4). */
export type ImageSource = "markdown" | "images" | "content_part";

export interface UrlImageReference {
  kind: "url";
  /** An absolute http(s) URL, to be fetched only through the outbound guard (`lib/net/safe-fetch`). */
  url: string;
  source: ImageSource;
}

export interface DataImageReference {
  kind: "data";
  /** From the data URL's header, lower-cased, e.g. `image/png`; not yet checked against the bytes. */
  mime: string;
  byteLength: number;
  /** Hex SHA-256 of the decoded bytes (duplicates within one response are reported once). */
  sha256: string;
  source: ImageSource;
  /** The decoded bytes, only when the extractor was asked to keep them (`keepData`). */
  bytes?: Uint8Array;
}

export type ImageReference = UrlImageReference | DataImageReference;

/** Receives one data image's decoded bytes as they arrive, so large payloads can be spilled to disk. */
export interface DataImageSink {
  write(bytes: Uint8Array): void;
  /** The image is complete and accepted; `onImage` follows. */
  close(): void;
  /** The image turned out invalid, incomplete or a duplicate: discard what was written. */
  abort(): void;
}

export interface ImageExtractorOptions {
  /** Called once per accepted image, in order of completion. */
  onImage?(image: ImageReference): void;
  /** Opened when a data image starts; without it, decoded bytes are hashed and counted, then dropped. */
  openDataSink?(info: { mime: string; source: ImageSource }): DataImageSink;
  /** Keep decoded bytes on the reference (one copy per image). Ignored when `openDataSink` is given. */
  keepData?: boolean;
  /** Stop recognising images after this many (a bound on work for a hostile upstream). Default 100. */
  maxImages?: number;
}
