/** @jsxImportSource preact */
// The frame of every public survey page: the venue's name on its brand colour (checked for
// contrast in the builder), a readable single column on a phone, the spectator's language. Pure
// markup: the route handlers render it to a string, the builder's live preview into its iframe.
import type { ComponentChildren } from "preact";

export const NEUTRAL_COLOUR = "#1f3a68";

export function PublicShell({ venue, title, children }: { venue: string; title: string; children: ComponentChildren }) {
  return (
    <>
      <header class="sv-header">
        <div class="sv-wrap">
          <p class="sv-venue">{venue}</p>
          <h1>{title}</h1>
        </div>
      </header>
      <main class="sv-main">{children}</main>
    </>
  );
}
