import { notFound } from "@/lib/errors";

const ID_PATTERN = /^[a-z0-9]{10,40}$/;

export type IdParams<K extends string> = { params: Promise<Record<K, string>> };

/** Ids we generate are lowercase alphanumerics; anything else cannot name a job or scene. */
export function parseId(value: string | undefined, what: string): string {
  if (!value || !ID_PATTERN.test(value)) throw notFound(what);
  return value;
}
