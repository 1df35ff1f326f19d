"use client";
import { ErrorScreen } from "@/features/errors/error-screen";

export default function Error({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main id="main" className="px-4">
      <ErrorScreen reset={reset} />
    </main>
  );
}
