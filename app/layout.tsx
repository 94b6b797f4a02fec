import type { Metadata } from "next";
import Link from "next/link";
import "./globals.css";

export const metadata: Metadata = {
  title: "Storyreel",
  description: "Turn a prompt into a short video: storyboard, review, render.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-zinc-950 text-zinc-100 antialiased">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:rounded focus:bg-violet-600 focus:px-3 focus:py-2">
          Skip to content
        </a>
        <header className="border-b border-zinc-800/80 bg-zinc-950/80 backdrop-blur">
          <nav aria-label="Main" className="mx-auto flex max-w-6xl items-center justify-between px-6 py-4">
            <Link href="/" className="flex items-center gap-2 text-lg font-semibold tracking-tight">
              <span aria-hidden className="inline-block h-6 w-6 rounded-md bg-gradient-to-br from-violet-500 to-fuchsia-500" />
              Storyreel
            </Link>
            <div className="flex items-center gap-2 text-sm">
              <Link href="/" className="rounded-md px-3 py-2 text-zinc-300 hover:bg-zinc-800 hover:text-white">
                Gallery
              </Link>
              <Link href="/new" className="rounded-md bg-violet-600 px-3 py-2 font-medium text-white hover:bg-violet-500">
                New video
              </Link>
            </div>
          </nav>
        </header>
        <main id="main" className="mx-auto max-w-6xl px-6 py-8">
          {children}
        </main>
      </body>
    </html>
  );
}
