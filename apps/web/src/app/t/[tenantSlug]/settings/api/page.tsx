export { ApiDocsPage as default, apiDocsMetadata as generateMetadata } from "@/features/settings/api-docs-page";
