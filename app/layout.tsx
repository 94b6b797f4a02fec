import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { getEnv } from "@/lib/env";
import { findCaller } from "@/lib/http/caller";
import "./globals.css";

const description = "Turn a prompt into a short video: storyboard, review, render.";

// Per request, not at build time: the social preview needs this server's own address (PUBLIC_BASE_URL, or the
// Host the proxy already allowed), and every page must be rendered per request to carry its CSP nonce.
export async function generateMetadata(): Promise<Metadata> {
  const base = getEnv().PUBLIC_BASE_URL ?? `http://${(await headers()).get("host") ?? "localhost"}`;
  return {
    title: "Storyreel",
    description,
    metadataBase: new URL(base),
    icons: {
      icon: [
        { url: "/favicon.ico", sizes: "16x16 32x32 48x48" },
        { url: "/icon.svg", type: "image/svg+xml" },
      ],
      apple: "/apple-touch-icon.png",
    },
    openGraph: {
      title: "Storyreel",
      description,
      images: [{ url: "/og-image.png", width: 1200, height: 630, alt: "Storyreel" }],
    },
  };
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const caller = await findCaller().catch(() => null);
  return (
    <html lang="en">
      <body className="min-h-screen bg-zinc-950 text-zinc-100 antialiased">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:rounded focus:bg-violet-600 focus:px-3 focus:py-2"
        >
          Skip to content
        </a>
        <header className="border-b border-zinc-800/80 bg-zinc-950/80 backdrop-blur">
          <nav aria-label="Main" className="mx-auto flex max-w-6xl items-center justify-between px-6 py-4">
            <Link href="/" className="flex items-center gap-2 text-lg font-semibold tracking-tight">
              {/* eslint-disable-next-line @next/next/no-img-element -- a 466-byte static SVG */}
              <img src="/icon.svg" alt="" aria-hidden width={24} height={24} className="h-6 w-6" />
              Storyreel
            </Link>
            {caller && (
              <div className="flex items-center gap-2 text-sm">
                <Link href="/" className="rounded-md px-3 py-2 text-zinc-300 hover:bg-zinc-800 hover:text-white">
                  Gallery
                </Link>
                <Link href="/uploads" className="rounded-md px-3 py-2 text-zinc-300 hover:bg-zinc-800 hover:text-white">
                  Uploads
                </Link>
                <Link href="/spend" className="rounded-md px-3 py-2 text-zinc-300 hover:bg-zinc-800 hover:text-white">
                  Spend
                </Link>
                {caller.isAdmin && (
                  <Link href="/admin" className="rounded-md px-3 py-2 text-zinc-300 hover:bg-zinc-800 hover:text-white">
                    Admin
                  </Link>
                )}
                <Link
                  href="/account"
                  className="rounded-md px-3 py-2 text-zinc-300 hover:bg-zinc-800 hover:text-white"
                  title={caller.email}
                >
                  Account
                </Link>
                <Link href="/new" className="rounded-md bg-violet-600 px-3 py-2 font-medium text-white hover:bg-violet-500">
                  New video
                </Link>
              </div>
            )}
          </nav>
        </header>
        <main id="main" className="mx-auto max-w-6xl px-6 py-8">
          {children}
        </main>
      </body>
    </html>
  );
}
