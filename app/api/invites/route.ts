import { NextResponse } from "next/server";
import { inviteSomeone, listInvites } from "@/lib/auth/invites";
import { newInviteSchema } from "@/lib/auth/schemas";
import { defineRoute } from "@/lib/http/define-route";
import { publicOrigin } from "@/lib/http/public-origin";
import { routeMethods } from "@/lib/http/route-methods";

export const dynamic = "force-dynamic";

// Admins make one-time links for new accounts (no mail server is assumed: the admin passes the link on).
// With `email` and SMTP_URL set, the link is also mailed to that address.
const create = defineRoute({ admin: true, body: newInviteSchema }, async ({ caller, request, body }) => {
  const invite = await inviteSomeone({ id: caller.userId, name: caller.name }, publicOrigin(request), body.email);
  return NextResponse.json(invite, { status: 201 });
});

const list = defineRoute({ admin: true }, async () => NextResponse.json({ invites: await listInvites() }));

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ GET: list, POST: create });
