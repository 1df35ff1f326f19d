import type { HTMLAttributes, ReactNode } from "react";
import { cx } from "./cx";

export interface CardProps extends Omit<HTMLAttributes<HTMLElement>, "title"> {
  /** A heading for the card; when given, the card is a labelled region. */
  title?: ReactNode;
  /** The heading level, to keep the page outline right (default h2). */
  headingLevel?: 2 | 3;
  /** Used to tie the heading to the region (aria-labelledby). */
  id?: string;
  /** "none" for content that runs edge to edge, such as tables. */
  padding?: "default" | "none";
}

export function Card({ title, headingLevel = 2, id, padding = "default", className, children, ...rest }: CardProps) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const headingId = title && id ? `${id}-title` : undefined;
  return (
    <section
      id={id}
      aria-labelledby={headingId}
      className={cx("rounded-lg border border-slate-200 bg-white shadow-sm", padding === "default" && "p-4 sm:p-6", className)}
      {...rest}
    >
      {title ? (
        <Heading id={headingId} className="mb-3 text-base font-semibold text-slate-900">
          {title}
        </Heading>
      ) : null}
      {children}
    </section>
  );
}
