import type { ReactNode } from "react";

export interface EmptyStateProps {
  title: string;
  description?: ReactNode;
  /** A decorative symbol (hidden from assistive technology). */
  icon?: ReactNode;
  action?: ReactNode;
}

/** What a page shows when it has nothing yet, saying what will appear and how. */
export function EmptyState({ title, description, icon, action }: EmptyStateProps) {
  return (
    <div className="flex flex-col items-center gap-3 rounded-lg border border-dashed border-slate-300 bg-slate-50 px-6 py-10 text-center">
      {icon ? (
        <div aria-hidden="true" className="text-4xl text-slate-500">
          {icon}
        </div>
      ) : null}
      <p className="text-lg font-semibold text-slate-900">{title}</p>
      {description ? <div className="max-w-xl text-sm text-slate-700">{description}</div> : null}
      {action ? <div className="mt-2">{action}</div> : null}
    </div>
  );
}
