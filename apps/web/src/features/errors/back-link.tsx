"use client";
// "Back" for 403/404 pages: the current tenant's home inside a tenant, else the start page.
import Link from "next/link";
import { useParams } from "next/navigation";
import { buttonClasses } from "@rappel/ui";

export function BackLink({ label }: { label: string }) {
  const params = useParams<{ tenantSlug?: string }>();
  const href = typeof params?.tenantSlug === "string" ? `/t/${params.tenantSlug}` : "/";
  return (
    <Link href={href} className={buttonClasses("primary")}>
      {label}
    </Link>
  );
}
