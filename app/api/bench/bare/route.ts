import { NextResponse } from "next/server";
import { z } from "zod";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { resolveCaller } from "@/lib/http/caller";
import { defineRoute } from "@/lib/http/define-route";
import { routeMethods } from "@/lib/http/route-methods";

export const dynamic = "force-dynamic";

// About 2 KB of JSON, made once: what the job poll returns, minus every lookup.
const BODY = JSON.stringify({
  items: Array.from({ length: 29 }, (_, i) => ({ id: `bench-${i}`, label: "A constant answer for the poll benchmark." })),
});

const querySchema = z.object({
  caller: z.enum(["1"], { error: 'caller is "1" (resolve the caller first) or absent.' }).optional(),
});

/**
 * The baseline of `npm run bench` (BENCH_ROUTES=true only): the same server, router and error wrapper as every route,
 * with no database. With `?caller=1` it resolves the caller as every signed-in route does, and nothing more.
 */
const bare = defineRoute({ public: true, query: querySchema }, async ({ request, query }) => {
  if (!getEnv().BENCH_ROUTES) throw new AppError("not_found", "There is nothing at this address.");
  if (query.caller) await resolveCaller(request.headers);
  return new NextResponse(BODY, { headers: { "Content-Type": "application/json", "Cache-Control": "no-store" } });
});

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ GET: bare });
