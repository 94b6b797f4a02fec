import { NextResponse } from "next/server";
import { ownerMissing, setUpOwner } from "@/lib/auth/owner-setup";
import { ownerSetupSchema } from "@/lib/auth/schemas";
import { assertSetupCode, forgetSetupCode } from "@/lib/auth/setup-code";
import { startSession } from "@/lib/auth/start-session";
import { addressOf } from "@/lib/http/client-address";
import { defineRoute } from "@/lib/http/define-route";
import { routeMethods } from "@/lib/http/route-methods";

export const dynamic = "force-dynamic";

// The first visit's form: the owner's account (an admin), once; then signed in. Once there is an owner the
// answer is 409 whatever the code, so a sign-in form that tries setup first keeps working.
const setup = defineRoute({ public: true, body: ownerSetupSchema }, async ({ request, body }) => {
  const { setupCode, ...account } = body;
  if (await ownerMissing()) await assertSetupCode(setupCode, addressOf(request.headers));
  const owner = await setUpOwner(account);
  await forgetSetupCode();
  return startSession(
    account.email,
    account.password,
    request.headers,
    NextResponse.json({ id: owner.id, email: owner.email, role: "admin" }, { status: 201 }),
  );
});

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ POST: setup });
