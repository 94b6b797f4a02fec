/** A titled panel of the spend page. */
export function Section({ title, children, testId }: { title: string; children: React.ReactNode; testId?: string }) {
  return (
    <section className="min-w-0 rounded-lg border border-zinc-800 bg-zinc-900/40 p-4 sm:p-5" data-testid={testId}>
      <h2 className="mb-4 text-lg font-semibold">{title}</h2>
      {children}
    </section>
  );
}

/** One headline figure: what it is, its value, a line under it. */
export function Figure({ label, value, note, testId }: { label: string; value: string; note?: string; testId?: string }) {
  return (
    <div className="rounded-md border border-zinc-800 bg-zinc-950/60 p-4">
      <dt className="text-xs uppercase tracking-wide text-zinc-400">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums" data-testid={testId}>
        {value}
      </dd>
      {note && <dd className="mt-1 text-xs text-zinc-400">{note}</dd>}
    </div>
  );
}
