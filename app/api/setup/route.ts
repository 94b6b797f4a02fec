import { NextResponse } from "next/server";
import { setUpOwner } from "@/lib/auth/owner-setup";
import { newAccountSchema } from "@/lib/auth/schemas";
import { startSession } from "@/lib/auth/start-session";
import { defineRoute } from "@/lib/http/define-route";
import { routeMethods } from "@/lib/http/route-methods";

export const dynamic = "force-dynamic";

// The first visit's form: the owner's account (an admin), once; then signed in.
const setup = defineRoute({ public: true, body: newAccountSchema }, async ({ request, body }) => {
  const owner = await setUpOwner(body);
  return startSession(
    body.email,
    body.password,
    request.headers,
    NextResponse.json({ id: owner.id, email: owner.email, role: "admin" }, { status: 201 }),
  );
});

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ POST: setup });
