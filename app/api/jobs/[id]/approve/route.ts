import { approveStoryboard } from "@/lib/jobs/review-actions";
import { jobCommandRoute } from "../job-command";

export const POST = jobCommandRoute(approveStoryboard);
