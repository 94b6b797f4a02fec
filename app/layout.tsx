import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { SiteNav, type NavLink } from "@/components/layout/site-nav";
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

function navLinks(isAdmin: boolean, email: string): NavLink[] {
  return [
    { href: "/", label: "Gallery" },
    { href: "/uploads", label: "Uploads" },
    { href: "/spend", label: "Spend" },
    ...(isAdmin ? [{ href: "/admin", label: "Admin" }] : []),
    { href: "/account", label: "Account", title: email },
    { href: "/new", label: "New video", primary: true },
  ];
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const caller = await findCaller().catch(() => null);
  return (
    <html lang="en">
      <body className="min-h-screen bg-zinc-950 text-zinc-100 antialiased">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:rounded focus:bg-violet-600 focus:px-3 focus:py-2 focus:text-white"
        >
          Skip to content
        </a>
        <header className="border-b border-zinc-800/80 bg-zinc-950/80 backdrop-blur">
          <nav
            aria-label="Main"
            className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-4 px-4 py-3 sm:px-6 sm:py-4"
          >
            <Link href="/" className="flex items-center gap-2 text-lg font-semibold tracking-tight">
              {/* eslint-disable-next-line @next/next/no-img-element -- a 466-byte static SVG */}
              <img src="/icon.svg" alt="" aria-hidden width={24} height={24} className="h-6 w-6" />
              Storyreel
            </Link>
            {caller && <SiteNav links={navLinks(caller.isAdmin, caller.email)} />}
          </nav>
        </header>
        <main id="main" className="mx-auto max-w-6xl px-4 py-6 sm:px-6 sm:py-8">
          {children}
        </main>
      </body>
    </html>
  );
}
