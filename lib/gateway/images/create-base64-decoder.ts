import { createHash } from "node:crypto";

export interface Base64Decoder {
  /** Decodes the next piece of base64 text; pieces may split anywhere, even inside a 4-character group. */
  write(text: string): void;
  /** Decodes what is left and reports the totals. */
  end(): { byteLength: number; sha256: string };
}

// Anything outside the standard and URL-safe alphabets (line breaks, stray spaces) is skipped, as browsers do.
const NOT_BASE64 = /[^A-Za-z0-9+/=_-]/g;
const HAS_NOT_BASE64 = /[^A-Za-z0-9+/=_-]/;

/**
 * Incremental base64 decoding: bytes are handed to `onBytes` as complete groups arrive, so a multi-MiB data URL
 * never has to exist as one decoded buffer unless the sink wants one. Only up to 3 characters are carried over.
 */
export function createBase64Decoder(onBytes: (bytes: Uint8Array) => void): Base64Decoder {
  const hash = createHash("sha256");
  let carry = "";
  let byteLength = 0;
  let finished = false; // padding seen: the payload is over, the rest is ignored

  function emit(text: string): void {
    if (text.length === 0) return;
    const bytes = Buffer.from(text, "base64");
    if (bytes.length === 0) return;
    byteLength += bytes.length;
    hash.update(bytes);
    onBytes(bytes);
  }

  return {
    write(input) {
      if (finished || input.length === 0) return;
      let text = HAS_NOT_BASE64.test(input) ? input.replace(NOT_BASE64, "") : input;
      const pad = text.indexOf("=");
      if (pad !== -1) {
        finished = true;
        text = text.slice(0, pad);
      }
      if (carry.length > 0) {
        // Complete the carried group from the head of this piece, then decode the aligned rest without
        // concatenating the whole (possibly huge) piece onto the carry.
        const need = 4 - carry.length;
        if (text.length < need) {
          carry += text;
          return;
        }
        emit(carry + text.slice(0, need));
        carry = "";
        text = text.slice(need);
      }
      const aligned = text.length - (text.length % 4);
      emit(text.slice(0, aligned));
      carry = text.slice(aligned);
    },
    end() {
      // Unpadded tails of 2 or 3 characters are valid; a single leftover character carries no full byte.
      if (carry.length >= 2) emit(carry);
      carry = "";
      finished = true;
      return { byteLength, sha256: hash.digest("hex") };
    },
  };
}
