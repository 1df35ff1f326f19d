// A form field: a visible label tied to its input, an optional hint and an error message, both
// announced by screen readers through aria-describedby; aria-invalid marks the error.
import type { InputHTMLAttributes, Ref } from "react";
import { cx } from "./cx";

export interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "id"> {
  /** Required: the input's id, from which the hint and error ids derive. */
  id: string;
  label: string;
  hint?: string;
  error?: string | null;
  /** Shown after the label for optional fields (translated by the caller). */
  optionalLabel?: string;
  ref?: Ref<HTMLInputElement>;
}

export function Field({ id, label, hint, error, optionalLabel, className, ref, ...input }: FieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={cx("flex flex-col gap-1", className)}>
      <label htmlFor={id} className="text-sm font-medium text-slate-900">
        {label}
        {optionalLabel ? <span className="ml-1 font-normal text-slate-600">({optionalLabel})</span> : null}
      </label>
      <input
        ref={ref}
        id={id}
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
        className={cx(
          "min-h-11 rounded-md border bg-white px-3 py-2 text-base text-slate-900 shadow-sm",
          "focus:outline-2 focus:outline-offset-1 focus:outline-indigo-600",
          error ? "border-red-700" : "border-slate-400",
        )}
        {...input}
      />
      {hint ? (
        <p id={hintId} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
