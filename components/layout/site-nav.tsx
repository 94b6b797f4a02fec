"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { navLinkStyles } from "@/components/ui/styles";

export interface NavLink {
  href: string;
  label: string;
  title?: string;
  primary?: boolean;
}

/** "/jobs/x" belongs to no section; "/spend" is current on /spend only, the gallery on "/" only. */
function isCurrent(pathname: string, href: string): boolean {
  return href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
}

/**
 * The links inline from md up; below that, one "Menu" button discloses them as a column, because six links
 * and a button do not fit beside the name on a phone (they pushed the page ~200 px past a 390 px screen).
 */
export function SiteNav({ links }: { links: NavLink[] }) {
  const pathname = usePathname();
  // Open on the page it was opened on only: a link followed from the panel closes it by changing the page.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const setOpen = (value: boolean) => setOpenOn(value ? pathname : null);
  const panelId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpenOn(null);
      buttonRef.current?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open]);

  const items = (layout: "row" | "column") =>
    links.map((link) => {
      const current = isCurrent(pathname, link.href);
      const style = link.primary ? navLinkStyles.primary : navLinkStyles.plain;
      return (
        <li key={link.href} className={layout === "column" ? "w-full" : undefined}>
          <Link
            href={link.href}
            title={link.title}
            aria-current={current ? "page" : undefined}
            className={`${style} ${layout === "column" ? "w-full" : ""}`}
          >
            {link.label}
          </Link>
        </li>
      );
    });

  return (
    <>
      <ul className="hidden items-center gap-1 text-sm md:flex">{items("row")}</ul>
      <button
        ref={buttonRef}
        type="button"
        className={`${navLinkStyles.plain} md:hidden`}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
      >
        Menu
      </button>
      <ul id={panelId} hidden={!open} className="basis-full space-y-1 pt-3 text-sm md:hidden">
        {items("column")}
      </ul>
    </>
  );
}
