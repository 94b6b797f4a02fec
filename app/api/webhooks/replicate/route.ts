import { NextResponse } from "next/server";
import { withErrors } from "@/lib/http/route-handler";
import { handleReplicateWebhook } from "@/lib/webhooks/handle-replicate-webhook";

export const dynamic = "force-dynamic";

// Replicate is the caller here, proven by the signature, not a person: the raw body is what was signed,
// so it is read as text and verified before it is parsed.
export const POST = withErrors(async (request: Request) => {
  const result = await handleReplicateWebhook(request.headers, await request.text());
  return NextResponse.json({ received: true, ...result });
});
