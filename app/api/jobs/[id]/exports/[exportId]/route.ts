import { NextResponse } from "next/server";
import { deleteExport, getExport } from "@/lib/exports/exports";
import { defineRoute } from "@/lib/http/define-route";
import { routeMethods } from "@/lib/http/route-methods";

export const dynamic = "force-dynamic";

const EXPORT_IDS = { id: "That job", exportId: "That export" };

// GET /api/jobs/:id/exports/:exportId: one export, to follow its progress.
const show = defineRoute({ ids: EXPORT_IDS }, async ({ caller, ids }) =>
  NextResponse.json(await getExport(caller.userId, ids.id, ids.exportId)),
);

// DELETE /api/jobs/:id/exports/:exportId: the file and the row (one still being made is stopped).
const remove = defineRoute({ ids: EXPORT_IDS }, async ({ caller, ids }) => {
  await deleteExport(caller.userId, ids.id, ids.exportId);
  return new Response(null, { status: 204 });
});

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ GET: show, DELETE: remove });
