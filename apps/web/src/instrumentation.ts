// Runs once when the server starts, before it handles requests. Next also compiles this file for
// the Edge runtime; the Node-only start-up lives in instrumentation-node.ts and is imported only
// in the Node.js runtime (Next's documented pattern, which strips the import from the Edge build).
export async function register(): Promise<void> {
  // eslint-disable-next-line no-restricted-properties -- set by Next itself, not configuration
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startServer } = await import("./instrumentation-node");
    await startServer();
  }
}
