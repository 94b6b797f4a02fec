import { NextResponse } from "next/server";
import { getCurrentClientId } from "@/lib/clients/current-client";
import { getJobView } from "@/lib/jobs/queries";
import { parseId, type IdParams } from "./route-params";
import { withErrors } from "./route-handler";

/** POST /api/jobs/[id]/<command>: run one job command for the caller, answer with the job as it now is. */
export function jobCommandRoute(command: (clientId: string, jobId: string) => Promise<void>) {
  return withErrors(async (_request: Request, { params }: IdParams<"id">) => {
    const id = parseId((await params).id, "That job");
    const clientId = await getCurrentClientId();
    await command(clientId, id);
    return NextResponse.json(await getJobView(clientId, id));
  });
}
