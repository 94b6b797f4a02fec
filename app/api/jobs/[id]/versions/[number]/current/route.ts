import { NextResponse } from "next/server";
import { defineRoute } from "@/lib/http/define-route";
import { routeMethods } from "@/lib/http/route-methods";
import { notFound } from "@/lib/errors";
import { getJobView } from "@/lib/jobs/queries";
import { versionNumberSchema } from "@/lib/jobs/schemas";
import { makeVersionCurrent } from "@/lib/versions/make-current";

export const dynamic = "force-dynamic";

// POST /api/jobs/:id/versions/:number/current: the gallery shows this version again, and the next one starts from it.
const makeCurrent = defineRoute({ ids: { id: "That job" } }, async ({ caller, ids, params }) => {
  const number = versionNumberSchema.safeParse(params.number);
  if (!number.success) throw notFound("That version");
  await makeVersionCurrent(caller.userId, ids.id, number.data);
  return NextResponse.json(await getJobView(caller.userId, ids.id));
});

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ POST: makeCurrent });
