import { cancelJob } from "@/lib/jobs/review-actions";
import { jobCommandRoute } from "../job-command";
import { routeMethods } from "@/lib/http/route-methods";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ POST: jobCommandRoute(cancelJob) });
