import type { IncomingMessage, ServerResponse } from "node:http";
import type { HttpProblem } from "@/lib/http/error-body";
import { sendErrorOnSocket } from "./node-answer";
import { noteSocketAnswer, requestIdOf } from "./request-trace";

/**
 * Counts a request's body as Node's HTTP parser hands it over, whoever reads it and however (Next.js reads the
 * IncomingMessage through 'data' listeners, pipes, async iteration and web streams; each of those gets its bytes
 * from `push`, so counting there sees them all, and before anything is held in memory). The guard refuses a
 * declared length over the limit before a byte is read; this stops the body that does not declare one (chunked).
 *
 * Past `maxBytes` nothing more reaches the reader, the refusal is answered and the connection is closed.
 */
const UNREAD_BODY_GRACE_MS = 1000;

export function limitRequestBody(
  req: IncomingMessage,
  res: ServerResponse,
  maxBytes: number,
  refusal: HttpProblem,
  headers: Record<string, string>,
): void {
  let bytes = 0;
  let refused = false;
  // A body nobody reads (the answer came first: a page, a 404) is discarded by Node without passing `push`, and
  // the socket kept for the next request, so the rest of it would never be counted: the connection goes instead,
  // its answer first (FIN), then the socket shortly after, whatever is still arriving.
  const socket = req.socket;
  res.once("finish", () => {
    if (req.complete || refused || socket.destroyed) return;
    socket.end();
    setTimeout(() => socket.destroy(), UNREAD_BODY_GRACE_MS).unref();
  });
  const push = req.push.bind(req);
  req.push = (chunk: unknown, encoding?: BufferEncoding): boolean => {
    if (refused) return false;
    if (chunk !== null) {
      bytes += typeof chunk === "string" ? Buffer.byteLength(chunk, encoding) : (chunk as Uint8Array).byteLength;
      if (bytes > maxBytes) {
        refused = true;
        answerAndClose(req, res, refusal, headers);
        // false: the parser stops reading the socket, so nothing more arrives before it closes.
        return false;
      }
    }
    return push(chunk, encoding);
  };
}

/**
 * The refusal is written to the socket itself, not through `res`: Next.js still holds `res` and answers once its
 * read fails, and with the socket gone that answer goes nowhere instead of throwing "headers already sent". When
 * `res` has begun its own answer, or is not yet this socket's (a pipelined request waiting its turn), there is
 * nothing to add to the stream: the connection is closed.
 */
function answerAndClose(req: IncomingMessage, res: ServerResponse, refusal: HttpProblem, headers: Record<string, string>): void {
  const socket = req.socket;
  if (res.headersSent || res.socket !== socket || !socket.writable) return void socket.destroy();
  // The rest of the body is never read: once the answer is out, the connection goes.
  sendErrorOnSocket(socket, refusal, { headers, requestId: requestIdOf(res) });
  noteSocketAnswer(res, refusal.status);
}
