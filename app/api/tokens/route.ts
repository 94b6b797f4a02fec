import { NextResponse } from "next/server";
import { createApiToken, listApiTokens } from "@/lib/auth/api-tokens";
import { createTokenSchema } from "@/lib/auth/schemas";
import { defineRoute } from "@/lib/http/define-route";
import { routeMethods } from "@/lib/http/route-methods";

export const dynamic = "force-dynamic";

// Personal API tokens: the new token is in this answer only.
const create = defineRoute({ body: createTokenSchema }, async ({ caller, body }) =>
  NextResponse.json(await createApiToken(caller.userId, body.name), { status: 201, headers: { "Cache-Control": "no-store" } }),
);

const list = defineRoute({}, async ({ caller }) =>
  NextResponse.json({ tokens: await listApiTokens(caller.userId) }, { headers: { "Cache-Control": "no-store" } }),
);

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ GET: list, POST: create });
