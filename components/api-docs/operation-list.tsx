import type { OperationOutline } from "@/lib/api-contract/document-outline";

/** Every operation of the API, grouped by tag: static HTML, so it renders offline and under the page CSP. */
export function OperationList({ groups }: { groups: Map<string, OperationOutline[]> }) {
  return (
    <div className="space-y-8">
      {[...groups].map(([tag, operations]) => (
        <section key={tag} aria-labelledby={`tag-${tag}`}>
          <h2 id={`tag-${tag}`} className="mb-3 text-lg font-semibold capitalize">
            {tag}
          </h2>
          <ul className="space-y-2">
            {operations.map((op) => (
              <li key={op.id} data-operation={op.id}>
                <details className="rounded border border-neutral-300 p-3 dark:border-neutral-700">
                  <summary className="cursor-pointer">
                    <code className="mr-2 font-bold">{op.method}</code>
                    <code>{op.path}</code>
                    <span className="ml-3 text-neutral-600 dark:text-neutral-400">{op.summary}</span>
                    {op.open ? <span className="ml-2 text-xs">(no token)</span> : null}
                  </summary>
                  <OperationDetails op={op} />
                </details>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

function OperationDetails({ op }: { op: OperationOutline }) {
  return (
    <div className="mt-3 space-y-3 text-sm">
      {op.parameters.length > 0 ? (
        <p>
          Parameters:{" "}
          {op.parameters.map((p) => (
            <code key={`${p.in}-${p.name}`} className="mr-2">
              {p.name} ({p.in}
              {p.required ? ", required" : ""})
            </code>
          ))}
        </p>
      ) : null}
      {op.requestBody ? (
        <div>
          <p>Body ({op.requestBody.contentType}):</p>
          <pre className="overflow-x-auto bg-neutral-100 p-2 text-xs dark:bg-neutral-900">{op.requestBody.schema}</pre>
        </div>
      ) : null}
      <table className="text-left">
        <tbody>
          {op.responses.map((r) => (
            <tr key={r.status}>
              <td className="pr-4 font-mono">{r.status}</td>
              <td>{r.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
