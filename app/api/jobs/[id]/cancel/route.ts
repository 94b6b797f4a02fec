import { cancelJob } from "@/lib/jobs/review-actions";
import { jobCommandRoute } from "../job-command";

export const POST = jobCommandRoute(cancelJob);
