import { jobCommandRoute } from "@/lib/http/job-command-route";
import { retryFailedJob } from "@/lib/jobs/review-actions";

export const POST = jobCommandRoute(retryFailedJob);
