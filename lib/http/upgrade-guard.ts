import type http from "node:http";
import type { Duplex } from "node:stream";
import { checkRequest, type GuardOptions } from "./request-guard";

/**
 * Next.js attaches its own 'upgrade' listener to the server on its first request, and an upgrade never passes the
 * 'request' handler, so the guard (Host, DNS rebinding) would not see it. Storyreel serves no WebSocket: only the
 * development server's hot reload (under /_next/) may upgrade, on a host the guard allows; anything else is
 * answered 404 and closed before Next's listener runs.
 */
export function guardUpgrades(server: http.Server, options: GuardOptions, development: boolean): void {
  server.prependListener("upgrade", (req: http.IncomingMessage, socket: Duplex) => {
    const rawPath = (req.url ?? "/").split("?")[0]!;
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(name, String(value));
    const allowed = development && rawPath.startsWith("/_next/") && !checkRequest({ method: "GET", rawPath, headers }, options);
    if (allowed) return;
    socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n", () => socket.destroy());
  });
}
