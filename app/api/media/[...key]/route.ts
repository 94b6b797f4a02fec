import { defineRoute } from "@/lib/http/define-route";
import { fileResponse } from "@/lib/http/file-response";
import { findOwnedMedia } from "@/lib/jobs/media-access";

export const dynamic = "force-dynamic";

const serve = defineRoute({}, async ({ request, caller, params }) => {
  const key = Array.isArray(params.key) ? params.key.join("/") : "";
  return fileResponse(await findOwnedMedia(caller.clientId, key), request);
});

export const GET = serve;
export const HEAD = serve;
