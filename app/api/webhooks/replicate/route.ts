import { NextResponse } from "next/server";
import { readBodyText } from "@/lib/http/read-json-body";
import { withErrors } from "@/lib/http/route-handler";
import { handleReplicateWebhook } from "@/lib/webhooks/handle-replicate-webhook";
import { routeMethods } from "@/lib/http/route-methods";

export const dynamic = "force-dynamic";

// Replicate is the caller here, proven by the signature, not a person. The raw body is what was signed,
// so it is read as text (after the headers are checked, with a size limit) and verified before it is parsed.
const receive = withErrors(async (request: Request) => {
  const result = await handleReplicateWebhook(request.headers, (maxBytes) => readBodyText(request, maxBytes));
  return NextResponse.json({ received: true, ...result });
});

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ POST: receive });
