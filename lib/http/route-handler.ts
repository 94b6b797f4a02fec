import { log } from "@/lib/log";
import { runWithLogContext } from "@/lib/logging/log-context";
import { errorResponse, problemOf } from "./error-body";
import { edgeRequestId } from "./request-id";

export { describeZodError } from "./describe-zod-error";

async function answer<A extends unknown[]>(
  handler: (...args: A) => Promise<Response>,
  args: A,
  requestId: string | null,
): Promise<Response> {
  try {
    return await handler(...args);
  } catch (error) {
    const problem = problemOf(error);
    if (problem.status === 500) log.error("unhandled route error", { error });
    return errorResponse(problem, requestId);
  }
}

/**
 * Maps what a handler throws to the API's error body: input errors 4xx, anything unexpected a generic 500.
 * The Node server in front (lib/server) has already given the request its id and counts and times it; here the
 * handler's log lines and error body carry that id.
 */
export function withErrors<A extends unknown[]>(handler: (...args: A) => Promise<Response>) {
  return async (...args: A): Promise<Response> => {
    const request = args[0];
    const requestId = request instanceof Request ? edgeRequestId(request.headers) : null;
    if (!requestId) return answer(handler, args, null);
    return runWithLogContext({ requestId }, () => answer(handler, args, requestId));
  };
}
