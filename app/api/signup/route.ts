import { NextResponse } from "next/server";
import { openSignUp } from "@/lib/auth/accounts";
import { newAccountSchema } from "@/lib/auth/schemas";
import { startSession } from "@/lib/auth/start-session";
import { defineRoute } from "@/lib/http/define-route";
import { routeMethods } from "@/lib/http/route-methods";

export const dynamic = "force-dynamic";

// Only when SIGNUP=open; otherwise accounts come from invites or the operator's command.
const signUp = defineRoute({ public: true, body: newAccountSchema }, async ({ request, body }) => {
  const user = await openSignUp(body);
  return startSession(body.email, body.password, request.headers, NextResponse.json(user, { status: 201 }));
});

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ POST: signUp });
