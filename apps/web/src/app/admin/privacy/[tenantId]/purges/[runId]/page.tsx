export { PurgeRunPage as default } from "@/features/privacy/purge-run-page";
