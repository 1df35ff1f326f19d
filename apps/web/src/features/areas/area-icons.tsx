// Decorative line icons for empty states, drawn inline (no icon font, no emoji: this must render
// the same on every machine). EmptyState hides them from assistive technology.
import type { ReactNode } from "react";
import type { TenantAreaId } from "@rappel/access";

function Icon({ children }: { children: ReactNode }) {
  return (
    <svg viewBox="0 0 24 24" width="40" height="40" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round">
      {children}
    </svg>
  );
}

export const AREA_ICONS: Record<TenantAreaId, ReactNode> = {
  ignition: (
    <Icon>
      <path d="M4 20V10M10 20V4M16 20v-7M22 20H2" />
    </Icon>
  ),
  satisfaction: (
    <Icon>
      <path d="M12 3.5l2.6 5.3 5.9.9-4.3 4.1 1 5.8L12 16.9l-5.2 2.7 1-5.8-4.3-4.1 5.9-.9z" />
    </Icon>
  ),
  activation: (
    <Icon>
      <path d="M3 10v4h3l7 4V6L6 10H3zM17 9a4 4 0 010 6M19.5 6.5a7.5 7.5 0 010 11" />
    </Icon>
  ),
  data: (
    <Icon>
      <ellipse cx="12" cy="5.5" rx="7.5" ry="2.5" />
      <path d="M4.5 5.5v13c0 1.4 3.4 2.5 7.5 2.5s7.5-1.1 7.5-2.5v-13M4.5 12c0 1.4 3.4 2.5 7.5 2.5s7.5-1.1 7.5-2.5" />
    </Icon>
  ),
  settings: (
    <Icon>
      <circle cx="12" cy="12" r="3" />
      <path d="M12 2.5v3M12 18.5v3M2.5 12h3M18.5 12h3M5.3 5.3l2.1 2.1M16.6 16.6l2.1 2.1M5.3 18.7l2.1-2.1M16.6 7.4l2.1-2.1" />
    </Icon>
  ),
};

export const WARNING_ICON = (
  <Icon>
    <path d="M12 3.5L2.5 20h19L12 3.5zM12 10v4.5M12 17.5v.01" />
  </Icon>
);
