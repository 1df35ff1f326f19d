// Tabs that are links (each view has its own URL, so it can be shared and works without
// JavaScript): a labelled navigation with the current one marked by aria-current.
import { cx } from "./cx";

export interface LinkTab {
  href: string;
  label: string;
  current: boolean;
}

export interface LinkTabsProps {
  /** What the set of tabs chooses, e.g. "Vues du tableau de bord". */
  label: string;
  tabs: LinkTab[];
  className?: string;
}

export function LinkTabs({ label, tabs, className }: LinkTabsProps) {
  return (
    <nav aria-label={label} className={cx("border-b border-slate-200", className)}>
      <ul className="-mb-px flex flex-wrap gap-x-1">
        {tabs.map((tab) => (
          <li key={tab.href}>
            <a
              href={tab.href}
              aria-current={tab.current ? "page" : undefined}
              className={cx(
                "inline-flex min-h-11 items-center border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap",
                "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600",
                tab.current ? "border-indigo-700 text-indigo-900" : "border-transparent text-slate-700 hover:border-slate-300 hover:text-slate-900",
              )}
            >
              {tab.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
