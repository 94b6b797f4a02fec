import { NextResponse } from "next/server";
import { createInvite, listInvites } from "@/lib/auth/invites";
import { defineRoute } from "@/lib/http/define-route";
import { publicOrigin } from "@/lib/http/public-origin";
import { routeMethods } from "@/lib/http/route-methods";

export const dynamic = "force-dynamic";

// Admins make one-time links for new accounts (no mail server is assumed: the admin passes the link on).
const create = defineRoute({ admin: true }, async ({ caller, request }) => {
  const invite = await createInvite(caller.clientId);
  const url = `${publicOrigin(request)}/invite/${invite.token}`;
  return NextResponse.json({ ...invite, url }, { status: 201 });
});

const list = defineRoute({ admin: true }, async () => NextResponse.json({ invites: await listInvites() }));

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ GET: list, POST: create });
