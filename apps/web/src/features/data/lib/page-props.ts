// Shared by the Data area's pages: their permission and the props Next gives them.
export const DATA_PERMISSION = "data.imports.manage" as const;

export interface SearchParamsProps {
  params: Promise<{ tenantSlug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export interface ImportPageProps {
  params: Promise<{ tenantSlug: string; importId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}
