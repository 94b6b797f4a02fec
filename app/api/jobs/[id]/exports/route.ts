import { NextResponse } from "next/server";
import { exportRequestSchema } from "@/lib/exports/export-spec";
import { listExports, requestExport } from "@/lib/exports/exports";
import { defineRoute } from "@/lib/http/define-route";
import { routeMethods } from "@/lib/http/route-methods";

export const dynamic = "force-dynamic";

// GET /api/jobs/:id/exports: every export of the job's versions, newest first.
const list = defineRoute({ ids: { id: "That job" } }, async ({ caller, ids }) =>
  NextResponse.json({ exports: await listExports(caller.userId, ids.id) }),
);

// POST { version, preset } | { version, resolution, aspect, fit, format }: 202 queued, or 200 with the same
// export asked for before ("existing": true), so asking twice makes nothing twice.
const create = defineRoute({ ids: { id: "That job" }, body: exportRequestSchema }, async ({ caller, ids, body }) => {
  const { export: view, created } = await requestExport(caller.userId, ids.id, body);
  return NextResponse.json(
    { ...view, existing: !created },
    { status: created ? 202 : 200, headers: { Location: `/api/jobs/${ids.id}/exports/${view.id}` } },
  );
});

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ GET: list, POST: create });
