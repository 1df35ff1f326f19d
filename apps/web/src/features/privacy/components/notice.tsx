// The outcome of the last action (from the redirect's query string), announced to screen readers.
export function Notice({ done, error }: { done?: string | null; error?: string | null }) {
  if (error) {
    return (
      <p role="alert" className="mb-6 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm font-medium text-red-900">
        {error}
      </p>
    );
  }
  if (!done) return null;
  return (
    <p role="status" className="mb-6 rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm font-medium text-emerald-900">
      {done}
    </p>
  );
}
