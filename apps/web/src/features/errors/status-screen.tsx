// What a user sees for 403 and 404: a plain statement, what to do, and a way back.
import type { ReactNode } from "react";

export interface StatusScreenProps {
  status: 403 | 404;
  title: string;
  body: string;
  action: ReactNode;
  /** Standalone pages (outside the app shell) provide their own main landmark. */
  standalone?: boolean;
}

export function StatusScreen({ status, title, body, action, standalone = false }: StatusScreenProps) {
  const content = (
    <div className="mx-auto flex max-w-xl flex-col items-start gap-4 py-10" data-status={status}>
      <p className="text-sm font-semibold text-indigo-800">{status === 403 ? "403" : "404"}</p>
      <h1 className="text-3xl font-bold tracking-tight text-slate-900">{title}</h1>
      <p className="text-base text-slate-700">{body}</p>
      {action}
    </div>
  );
  if (!standalone) return content;
  return (
    <div className="flex min-h-screen items-center justify-center bg-slate-50 px-4">
      <main id="main">{content}</main>
    </div>
  );
}
