import type { FakeReplicate } from "../fakes/fake-replicate";

/** The app on GENERATION_BACKEND=replicate against a fake Replicate, with retries and polls fast enough for tests. */
export const replicateEnv = (fake: FakeReplicate, extra: Record<string, string> = {}): Record<string, string> => ({
  GENERATION_BACKEND: "replicate",
  REPLICATE_API_TOKEN: fake.token,
  REPLICATE_API_BASE_URL: fake.apiUrl,
  REPLICATE_RETRY_BASE_MS: "20",
  REPLICATE_POLL_MS: "30",
  // The fake serves its outputs itself, over plain http.
  REPLICATE_OUTPUT_HOSTS: `http://${new URL(fake.apiUrl).hostname}`,
  ...extra,
});
