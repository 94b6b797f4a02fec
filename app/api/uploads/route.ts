import { NextResponse } from "next/server";
import { defineRoute } from "@/lib/http/define-route";
import { routeMethods } from "@/lib/http/route-methods";
import { listAssets } from "@/lib/uploads/assets";

export const dynamic = "force-dynamic";

// One's own uploads, newest first, with what they take of the quota. (POST, the upload itself, is streamed by
// the Node server in front: lib/http/serve-upload.ts.)
const list = defineRoute({}, async ({ caller }) =>
  NextResponse.json(await listAssets(caller.userId), { headers: { "Cache-Control": "no-store" } }),
);

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ GET: list });
