"use client";
// Navigation links that mark the current page (aria-current) for assistive technology and sight.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cx } from "@rappel/ui";
import { isCurrent } from "../lib/nav-paths";

export interface NavLinkItem {
  href: string;
  label: string;
}

export function NavLinks({ items }: { items: NavLinkItem[] }) {
  const pathname = usePathname();
  return (
    <ul className="flex flex-wrap gap-1 md:flex-col md:flex-nowrap">
      {items.map((item) => {
        const current = isCurrent(pathname, item.href);
        return (
          <li key={item.href} className="shrink-0">
            <Link
              href={item.href}
              aria-current={current ? "page" : undefined}
              className={cx(
                "flex min-h-11 items-center rounded-md px-3 py-2 text-sm font-medium whitespace-nowrap",
                "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600",
                current ? "bg-indigo-50 text-indigo-900 ring-1 ring-indigo-200" : "text-slate-700 hover:bg-slate-100 hover:text-slate-900",
              )}
            >
              {item.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
