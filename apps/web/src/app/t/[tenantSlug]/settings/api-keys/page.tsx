export { ApiKeysPage as default, apiKeysMetadata as generateMetadata } from "@/features/settings/api-keys-page";
