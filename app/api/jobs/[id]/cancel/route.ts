import { jobCommandRoute } from "@/lib/http/job-command-route";
import { cancelJob } from "@/lib/jobs/review-actions";

export const POST = jobCommandRoute(cancelJob);
