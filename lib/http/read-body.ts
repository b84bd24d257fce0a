// Reads a request body as raw text with a hard size limit, without buffering more than the limit:
// from a web Request (App Router handlers) or from Node's own request (machine routes, machine-route.ts).
import type { IncomingMessage } from "node:http";
import { AppError } from "@/lib/errors";

function refuseDeclaredSize(contentLength: string | null | undefined, maxBytes: number): void {
  const declared = Number(contentLength ?? "NaN");
  if (Number.isFinite(declared) && declared > maxBytes) {
    throw new AppError("too_large", `The body is ${declared} bytes; the limit is ${maxBytes}.`);
  }
}

const tooLarge = (maxBytes: number) => new AppError("too_large", `The body is larger than the limit of ${maxBytes} bytes.`);

const decode = (chunks: Uint8Array[]) => new TextDecoder("utf-8", { fatal: false }).decode(Buffer.concat(chunks));

export async function readRawBody(request: Request, maxBytes: number): Promise<string> {
  refuseDeclaredSize(request.headers.get("content-length"), maxBytes);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return decode(chunks);
}

/**
 * The same for Node's request. Past the limit it stops reading (the request stays paused, unread):
 * the caller answers with `connection: close`, so the rest is never received.
 */
export function readNodeBody(request: IncomingMessage, maxBytes: number): Promise<string> {
  refuseDeclaredSize(request.headers["content-length"], maxBytes);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const settle = (error: Error | null) => {
      request.off("data", onData).off("end", onEnd).off("error", onError).off("close", onClose);
      if (error) {
        request.pause();
        reject(error);
      } else resolve(decode(chunks));
    };
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > maxBytes) settle(tooLarge(maxBytes));
      else chunks.push(chunk);
    };
    const onEnd = () => settle(null);
    const onError = (error: Error) => settle(error);
    // Closed before its end: the client went away mid-body. Node 20 also emits an "aborted" error for
    // that; "close" is the signal that holds whatever the version.
    const onClose = () => settle(new AppError("bad_request", "The client closed the connection before the body ended."));
    request.on("data", onData).on("end", onEnd).on("error", onError).on("close", onClose);
  });
}
