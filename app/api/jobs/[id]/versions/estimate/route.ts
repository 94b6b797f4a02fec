import { NextResponse } from "next/server";
import { defineRoute } from "@/lib/http/define-route";
import { routeMethods } from "@/lib/http/route-methods";
import { estimateNextVersion } from "@/lib/versions/start-version";

export const dynamic = "force-dynamic";

// GET /api/jobs/:id/versions/estimate: what rendering the draft as the next version would make again and cost.
const estimate = defineRoute({ ids: { id: "That job" } }, async ({ caller, ids }) => {
  const plan = await estimateNextVersion(caller.userId, ids.id);
  return NextResponse.json(
    {
      number: plan.number,
      basedOn: plan.basedOn,
      totalUsd: plan.estimate.totalUsd,
      lines: plan.estimate.lines,
      clipsToRender: plan.clips.filter((c) => c.render).map((c) => c.scene),
      clipsReused: plan.clips.filter((c) => !c.render).map((c) => c.scene),
      narrations: plan.narrations,
      changedScenes: plan.changes,
      musicChanged: plan.musicChanged,
      stillsMissing: plan.stillsMissing,
    },
    { headers: { "Cache-Control": "no-store" } },
  );
});

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ GET: estimate });
