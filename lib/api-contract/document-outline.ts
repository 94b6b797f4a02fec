/** One operation of an OpenAPI document, as the docs page lists it. */
export interface OperationOutline {
  id: string;
  method: string;
  path: string;
  summary: string;
  tag: string;
  open: boolean;
  parameters: { name: string; in: string; required: boolean }[];
  requestBody: { contentType: string; schema: string } | null;
  responses: { status: string; description: string }[];
}

type Doc = {
  security?: unknown[];
  paths: Record<string, Record<string, Record<string, unknown>>>;
  components?: { responses?: Record<string, { description?: string }> };
};

const refName = (ref: string) => ref.split("/").pop() ?? ref;

/** The document's operations grouped by tag, in document order, for a page that renders without scripts. */
export function outlineDocument(document: unknown): Map<string, OperationOutline[]> {
  const doc = document as Doc;
  const groups = new Map<string, OperationOutline[]>();
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const tag = (op.tags as string[] | undefined)?.[0] ?? "other";
      const content = (op.requestBody as { content?: Record<string, { schema?: unknown }> } | undefined)?.content;
      const [contentType, media] = Object.entries(content ?? {})[0] ?? [];
      const responses = Object.entries(op.responses as Record<string, { description?: string; $ref?: string }>).map(
        ([status, r]) => ({
          status,
          description: r.$ref ? (doc.components?.responses?.[refName(r.$ref)]?.description ?? "") : (r.description ?? ""),
        }),
      );
      const outline: OperationOutline = {
        id: String(op.operationId),
        method: method.toUpperCase(),
        path,
        summary: String(op.summary ?? ""),
        tag,
        open: Array.isArray(op.security) && op.security.length === 0,
        parameters: ((op.parameters as OperationOutline["parameters"] | undefined) ?? []).map(
          ({ name, in: where, required }) => ({
            name,
            in: where,
            required,
          }),
        ),
        requestBody: contentType ? { contentType, schema: JSON.stringify(media?.schema ?? {}, null, 2) } : null,
        responses,
      };
      groups.set(tag, [...(groups.get(tag) ?? []), outline]);
    }
  }
  return groups;
}
