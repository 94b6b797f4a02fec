/** No request body may be larger; the largest any route reads (a Replicate webhook) is exactly this. */
export const MAX_BODY_BYTES = 1024 * 1024;

export const tooLargeLabel = (bytes: number) => `${Math.round(bytes / 1024).toLocaleString("en-US")} KB`;
