import { NextResponse } from "next/server";
import { resetPasswordOf } from "@/lib/auth/accounts";
import { defineRoute } from "@/lib/http/define-route";
import { routeMethods } from "@/lib/http/route-methods";

// An admin resets someone's password: a new one is made, shown in this answer only, and their sessions end.
const reset = defineRoute({ admin: true, ids: { id: "That user" } }, async ({ ids }) =>
  NextResponse.json(await resetPasswordOf(ids.id), { headers: { "Cache-Control": "no-store" } }),
);

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ POST: reset });
