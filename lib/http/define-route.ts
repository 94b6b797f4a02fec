import type { z } from "zod";
import { notFound } from "@/lib/errors";
import { isGeneratedId } from "@/lib/vocabulary";
import { resolveCaller, type Caller } from "./caller";
import { readJsonBody } from "./read-json-body";
import { withErrors } from "./route-handler";

/** Path segments that must be ids we generate, each with what it names ("That job"): anything else is a 404. */
type IdSpec = Record<string, string>;

interface RouteSpec<I extends IdSpec, B extends z.ZodType | undefined, Q extends z.ZodType | undefined> {
  ids?: I;
  /** A JSON body, read with a size limit and parsed by this schema. */
  body?: B;
  /** The query string, parsed by this schema. */
  query?: Q;
  /** Open to anyone (setting up the owner, accepting an invite): no caller is resolved. */
  public?: boolean;
  /** Admins only: anyone else is told the page does not exist (404), not that it is forbidden. */
  admin?: boolean;
}

export interface RouteInput<I extends IdSpec, B, Q> {
  request: Request;
  caller: Caller;
  /** The raw path parameters, for routes whose segments are not ids (a media key). */
  params: Record<string, string | string[]>;
  ids: { [K in keyof I]: string };
  body: B extends z.ZodType ? z.output<B> : undefined;
  query: Q extends z.ZodType ? z.output<Q> : undefined;
}

export type RouteContext = { params: Promise<Record<string, string | string[]>> };

/**
 * The HTTP edge of every route handler: who is calling, ids, body and query parsed before the handler
 * runs (so it cannot forget to), and every error mapped to its status by one wrapper.
 */
export function defineRoute<
  I extends IdSpec = Record<never, string>,
  B extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
>(spec: RouteSpec<I, B, Q>, handler: (input: RouteInput<I, B, Q>) => Promise<Response>) {
  return withErrors(async (request: Request, context?: RouteContext) => {
    const params = (await context?.params) ?? {};
    const ids = Object.fromEntries(
      Object.entries(spec.ids ?? {}).map(([name, what]) => {
        const value = params[name];
        if (typeof value !== "string" || !isGeneratedId(value)) throw notFound(what);
        return [name, value];
      }),
    ) as { [K in keyof I]: string };
    const caller = spec.public ? (null as unknown as Caller) : await resolveCaller(request.headers);
    if (spec.admin && !caller.isAdmin) throw notFound("That page");
    const query = spec.query ? spec.query.parse(Object.fromEntries(new URL(request.url).searchParams)) : undefined;
    const body = spec.body ? spec.body.parse(await readJsonBody(request)) : undefined;
    return handler({ request, caller, params, ids, body, query } as RouteInput<I, B, Q>);
  });
}
