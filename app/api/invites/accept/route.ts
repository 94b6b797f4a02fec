import { NextResponse } from "next/server";
import { acceptInvite } from "@/lib/auth/invites";
import { acceptInviteSchema } from "@/lib/auth/schemas";
import { startSession } from "@/lib/auth/start-session";
import { defineRoute } from "@/lib/http/define-route";
import { routeMethods } from "@/lib/http/route-methods";

export const dynamic = "force-dynamic";

const accept = defineRoute({ public: true, body: acceptInviteSchema }, async ({ request, body }) => {
  const { token, ...account } = body;
  const user = await acceptInvite(token, account);
  return startSession(account.email, account.password, request.headers, NextResponse.json(user, { status: 201 }));
});

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ POST: accept });
