import { jobCommandRoute } from "@/lib/http/job-command-route";
import { approveStoryboard } from "@/lib/jobs/review-actions";

export const POST = jobCommandRoute(approveStoryboard);
