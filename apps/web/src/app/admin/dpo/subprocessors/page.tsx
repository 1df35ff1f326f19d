export { SubprocessorsPage as default, subprocessorsMetadata as generateMetadata } from "@/features/dpo/subprocessors/subprocessors-page";
