"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { uploadImageAction, type UploadedAsset } from "@/lib/actions/studio/upload-image";
import { tooLargeError } from "@/lib/images/image-rejected-error";

export type UploadStatus = "queued" | "uploading" | "done" | "rejected" | "failed";

export type UploadItem = {
  key: string;
  name: string;
  status: UploadStatus;
  /** Why it was rejected or failed, in the server's words. */
  message?: string;
  /** A local preview of the file (object URL), good before and after the upload. */
  previewUrl: string;
  asset?: UploadedAsset;
};

// Next.js dispatches server actions one at a time per page (its action queue), so a second upload "in
// parallel" would only wait in that queue while claiming to upload. One at a time keeps each status true.
const CONCURRENCY = 1;

type Callbacks = { onSettled(item: UploadItem): void };

/**
 * Uploads files one server-action call each, so every file has its own status (queued, uploading, done,
 * rejected, or failed and retryable). A file over the size limit is refused here, before its bytes travel,
 * with the server's own wording.
 */
export function useUploadQueue({ workspaceSlug, maxBytes, onSettled }: { workspaceSlug: string; maxBytes: number } & Callbacks) {
  const [items, setItems] = useState<UploadItem[]>([]);
  const files = useRef(new Map<string, { file: File; item: UploadItem }>());
  const previews = useRef<string[]>([]);
  const waiting = useRef<string[]>([]);
  const running = useRef(0);
  const callbacks = useRef<Callbacks>({ onSettled });
  useEffect(() => {
    callbacks.current = { onSettled };
  });
  useEffect(() => {
    const urls = previews.current;
    return () => urls.forEach((url) => URL.revokeObjectURL(url));
  }, []);

  const settle = useCallback((item: UploadItem) => {
    setItems((current) => current.map((row) => (row.key === item.key ? item : row)));
    callbacks.current.onSettled(item);
  }, []);

  const pump = useCallback(
    function pumpQueue() {
      while (running.current < CONCURRENCY && waiting.current.length > 0) {
        const entry = files.current.get(waiting.current.shift()!);
        if (!entry) continue;
        const { file, item } = entry;
        running.current += 1;
        setItems((current) => current.map((row) => (row.key === item.key ? { ...item, status: "uploading" } : row)));
        const form = new FormData();
        form.set("workspace", workspaceSlug);
        form.set("file", file, file.name);
        uploadImageAction(form)
          .then((result): UploadItem => {
            if (result.status === "success" && result.asset) return { ...item, status: "done", asset: result.asset };
            return { ...item, status: result.rejected ? "rejected" : "failed", message: result.message ?? "The upload failed. Try again." };
          })
          .catch((): UploadItem => ({ ...item, status: "failed", message: "The upload didn't reach the server. Check your connection and try again." }))
          .then((settled) => {
            running.current -= 1;
            if (settled.status !== "failed") files.current.delete(item.key);
            settle(settled);
            pumpQueue();
          });
      }
    },
    [settle, workspaceSlug],
  );

  const addFiles = useCallback(
    (list: Iterable<File>) => {
      const added: UploadItem[] = [];
      for (const file of list) {
        const previewUrl = URL.createObjectURL(file);
        previews.current.push(previewUrl);
        const item: UploadItem = { key: crypto.randomUUID(), name: file.name || "Pasted image", status: "queued", previewUrl };
        if (file.size > maxBytes) {
          added.push({ ...item, status: "rejected", message: tooLargeError(file.name || undefined, file.size, maxBytes).message });
          continue;
        }
        files.current.set(item.key, { file, item });
        waiting.current.push(item.key);
        added.push(item);
      }
      if (added.length === 0) return;
      setItems((current) => [...current, ...added]);
      for (const item of added) if (item.status === "rejected") callbacks.current.onSettled(item);
      pump();
    },
    [maxBytes, pump],
  );

  const retry = useCallback(
    (key: string) => {
      const entry = files.current.get(key);
      if (!entry) return;
      setItems((current) => current.map((row) => (row.key === key ? entry.item : row)));
      waiting.current.push(key);
      pump();
    },
    [pump],
  );

  /** Forgets finished rows (done, rejected); queued, uploading and failed ones stay. */
  const clearFinished = useCallback(() => {
    setItems((current) => current.filter((item) => item.status !== "done" && item.status !== "rejected"));
  }, []);

  const busy = items.some((item) => item.status === "queued" || item.status === "uploading");
  return { items, busy, addFiles, retry, clearFinished };
}
