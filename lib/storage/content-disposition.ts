// A Content-Disposition header that survives any file name: an ASCII fallback in `filename` for old clients
// and the exact name in RFC 5987 `filename*`. Control characters, quotes, path separators and header-breaking
// characters never reach the header.

const MAX_NAME = 150;

function cleanName(name: string): string {
  const cleaned = Array.from(name.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, "").replace(/[\\/]/g, "_").trim());
  return cleaned.slice(0, MAX_NAME).join("") || "download";
}

function asciiFallback(name: string): string {
  const ascii = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\x20-\x7e]/g, "_")
    .replace(/["%;\\]/g, "_");
  return ascii.replace(/^[\s.]+/, "") || "download";
}

function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function contentDisposition(type: "inline" | "attachment", fileName: string): string {
  const name = cleanName(fileName);
  return `${type}; filename="${asciiFallback(name)}"; filename*=UTF-8''${rfc5987(name)}`;
}
