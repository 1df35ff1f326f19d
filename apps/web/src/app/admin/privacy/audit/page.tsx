export { AuditPage as default, auditMetadata as generateMetadata } from "@/features/privacy/audit-page";
