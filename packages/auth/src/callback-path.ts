// Where to go after signing in. The value comes from the URL, so only same-origin paths are
// accepted (an absolute or protocol-relative URL would be an open redirect).
export function safeCallbackPath(value: string | null | undefined, fallback = "/"): string {
  if (!value || value.length > 2048) return fallback;
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  // Control characters or backslashes can be normalised by browsers into another origin.
  for (const ch of value) if (ch === "\\" || ch.charCodeAt(0) < 0x20) return fallback;
  if (value.startsWith("/api/auth") || value.startsWith("/sign-in")) return fallback;
  return value;
}
