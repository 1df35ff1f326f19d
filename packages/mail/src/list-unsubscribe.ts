// RFC 2369 List-Unsubscribe with RFC 8058 one-click: mailbox providers POST
// "List-Unsubscribe=One-Click" to the URL, which must work without a login or a confirmation page.
export function listUnsubscribeHeaders(url: string, mailto?: string): Record<string, string> {
  const targets = [`<${url}>`, ...(mailto ? [`<mailto:${mailto}>`] : [])];
  return {
    "List-Unsubscribe": targets.join(", "),
    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
  };
}
