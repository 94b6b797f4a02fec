import { NextResponse } from "next/server";
import { defineRoute } from "@/lib/http/define-route";
import { publicOrigin } from "@/lib/http/public-origin";
import { routeMethods } from "@/lib/http/route-methods";
import { createShareLink, stopSharing } from "@/lib/jobs/share-links";
import { shareLinkSchema } from "@/lib/jobs/schemas";

// A signed, expiring link to the finished video (made on purpose), and ending every such link.
const share = defineRoute({ ids: { id: "That job" }, body: shareLinkSchema }, async ({ caller, ids, body, request }) => {
  const link = await createShareLink(caller.userId, ids.id, body.days);
  return NextResponse.json({ url: `${publicOrigin(request)}${link.path}`, expiresAt: link.expiresAt }, { status: 201 });
});

const unshare = defineRoute({ ids: { id: "That job" } }, async ({ caller, ids }) => {
  await stopSharing(caller.userId, ids.id);
  return new Response(null, { status: 204 });
});

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ POST: share, DELETE: unshare });
