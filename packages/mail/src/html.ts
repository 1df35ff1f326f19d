// Text placed in an e-mail's HTML part (names, show titles, staff-written blocks) is escaped so
// it can never become markup.
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string);
}
