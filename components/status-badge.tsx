const TONES: Record<string, string> = {
  completed: "bg-emerald-500/15 text-emerald-300 ring-emerald-500/30",
  failed: "bg-red-500/15 text-red-300 ring-red-500/30",
  canceled: "bg-zinc-500/15 text-zinc-300 ring-zinc-500/30",
  awaiting_approval: "bg-amber-500/15 text-amber-200 ring-amber-500/30",
};

const LABELS: Record<string, string> = {
  queued: "Queued",
  parsing: "Writing scenes",
  storyboarding: "Storyboarding",
  awaiting_approval: "Needs approval",
  rendering: "Rendering",
  stitching: "Stitching",
  completed: "Completed",
  failed: "Failed",
  canceled: "Canceled",
};

export function StatusBadge({ status }: { status: string }) {
  const tone = TONES[status] ?? "bg-violet-500/15 text-violet-200 ring-violet-500/30";
  return (
    <span className={`inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset ${tone}`}>
      {LABELS[status] ?? status}
    </span>
  );
}
