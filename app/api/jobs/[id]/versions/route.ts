import { NextResponse } from "next/server";
import { defineRoute } from "@/lib/http/define-route";
import { routeMethods } from "@/lib/http/route-methods";
import { getJobView } from "@/lib/jobs/queries";
import { startNewVersion } from "@/lib/versions/start-version";

export const dynamic = "force-dynamic";

const ids = { id: "That job" };

// POST /api/jobs/:id/versions: render the edited scenes as the next version (202; 409 nothing changed or one is
// rendering; 402 over a budget). Only the changed scenes are made again.
const start = defineRoute({ ids }, async ({ caller, ids }) => {
  const { number, plan } = await startNewVersion(caller.userId, ids.id);
  const job = await getJobView(caller.userId, ids.id);
  return NextResponse.json(
    { number, estimate: plan.estimate, changedScenes: plan.changes, musicChanged: plan.musicChanged, job },
    { status: 202, headers: { Location: `/api/jobs/${ids.id}` } },
  );
});

// GET /api/jobs/:id/versions: every version, newest first.
const list = defineRoute({ ids }, async ({ caller, ids }) => {
  const job = await getJobView(caller.userId, ids.id);
  return NextResponse.json(
    { currentVersion: job.currentVersion, versions: job.versions },
    { headers: { "Cache-Control": "no-store" } },
  );
});

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ GET: list, POST: start });
