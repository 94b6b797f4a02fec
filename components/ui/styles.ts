// The class strings every control shares. The colours they name are the palette in app/globals.css, where each
// shade is chosen for contrast (text >= 4.5:1, controls >= 3:1) on the surfaces it is used on, in the dark and the
// light theme alike; change a shade there, not on one element.
export const buttonStyles = {
  primary:
    "inline-flex items-center justify-center gap-2 rounded-md bg-violet-600 px-4 py-2 text-sm font-medium text-white shadow hover:bg-violet-700 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-violet-400 disabled:cursor-not-allowed disabled:opacity-50",
  secondary:
    "inline-flex items-center justify-center gap-2 rounded-md border border-zinc-700 bg-zinc-900 px-3 py-2 text-sm text-zinc-200 hover:bg-zinc-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-violet-400 disabled:cursor-not-allowed disabled:opacity-50",
  danger:
    "inline-flex items-center justify-center gap-2 rounded-md border border-red-900/70 bg-red-950/40 px-3 py-2 text-sm text-red-200 hover:bg-red-900/50 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-red-400 disabled:cursor-not-allowed disabled:opacity-50",
  icon: "inline-flex h-8 w-8 items-center justify-center rounded-md border border-zinc-700 bg-zinc-900 text-zinc-300 hover:bg-zinc-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-violet-400 disabled:opacity-30",
};

export const inputStyles =
  "w-full rounded-md border border-zinc-700 bg-zinc-900 px-3 py-2 text-sm text-zinc-100 placeholder:text-zinc-500 focus:border-violet-500 focus:outline-none focus:ring-2 focus:ring-violet-500/40";

export const labelStyles = "mb-1 block text-sm font-medium text-zinc-300";

export const navLinkStyles = {
  plain:
    "inline-flex items-center rounded-md px-3 py-2 text-zinc-300 hover:bg-zinc-800 hover:text-zinc-50 aria-[current=page]:bg-zinc-800 aria-[current=page]:text-zinc-50 focus-visible:outline focus-visible:outline-2 focus-visible:outline-violet-400",
  primary:
    "inline-flex items-center rounded-md bg-violet-600 px-3 py-2 font-medium text-white hover:bg-violet-700 aria-[current=page]:ring-2 aria-[current=page]:ring-violet-300 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-violet-400",
};

export const focusRingStyles = "focus-visible:outline focus-visible:outline-2 focus-visible:outline-violet-400";
