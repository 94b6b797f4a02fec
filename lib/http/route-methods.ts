import type { RouteContext } from "./define-route";
import { errorResponse } from "./error-body";
import { edgeRequestId } from "./request-id";

type Handler = (request: Request, context?: RouteContext) => Promise<Response>;
type Method = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS";
const ROUTE_METHODS: Method[] = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/**
 * Every method of a route: the handlers given, and for the rest a 405 that says what the address takes,
 * in the API's JSON error shape with an Allow header (Next.js answers those with an empty body).
 * Use as `export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ GET, POST })`.
 */
export function routeMethods(
  handlers: Partial<Record<"GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE", Handler>>,
): Record<Method, Handler> {
  const given: Partial<Record<Method, Handler>> = { HEAD: handlers.GET, ...handlers };
  const allow = ROUTE_METHODS.filter((m) => given[m] || m === "OPTIONS").join(", ");
  const refuse: Handler = async (request) =>
    errorResponse(
      {
        status: 405,
        code: "method_not_allowed",
        message: `${request.method} is not allowed on ${new URL(request.url).pathname}; it takes ${allow}.`,
        headers: { Allow: allow },
      },
      edgeRequestId(request.headers),
    );
  const options: Handler = async () => new Response(null, { status: 204, headers: { Allow: allow } });
  return Object.fromEntries(ROUTE_METHODS.map((m) => [m, m === "OPTIONS" ? options : (given[m] ?? refuse)])) as Record<
    Method,
    Handler
  >;
}
