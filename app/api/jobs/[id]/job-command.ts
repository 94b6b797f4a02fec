import { NextResponse } from "next/server";
import { defineRoute } from "@/lib/http/define-route";
import { getJobView } from "@/lib/jobs/queries";

/** POST /api/jobs/[id]/<command>: run one job command for the caller, answer with the job as it now is. */
export function jobCommandRoute(command: (userId: string, jobId: string) => Promise<void>) {
  return defineRoute({ ids: { id: "That job" } }, async ({ caller, ids }) => {
    await command(caller.userId, ids.id);
    return NextResponse.json(await getJobView(caller.userId, ids.id));
  });
}
