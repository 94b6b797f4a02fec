import type { Metadata } from "next";
import { OperationList } from "@/components/api-docs/operation-list";
import { outlineDocument } from "@/lib/api-contract/document-outline";
import { openApiDocument } from "@/lib/api-contract/openapi-document";

export const metadata: Metadata = { title: "API · Storyreel" };

export default function ApiDocsPage() {
  return (
    <main className="mx-auto max-w-4xl p-6">
      <h1 className="mb-2 text-2xl font-semibold">Storyreel API</h1>
      <p className="mb-6">
        Send <code>Authorization: Bearer &lt;token&gt;</code> (a token from your Account page). Every error is{" "}
        <code>{'{ "error": { "code", "message", "requestId" } }'}</code>. The machine-readable document is{" "}
        <a className="underline" href="/api/openapi.json">
          /api/openapi.json
        </a>{" "}
        (OpenAPI 3.1).
      </p>
      <OperationList groups={outlineDocument(openApiDocument())} />
    </main>
  );
}
