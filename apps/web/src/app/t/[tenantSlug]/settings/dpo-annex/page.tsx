export { AnnexPage as default, annexMetadata as generateMetadata } from "@/features/dpo/annex/annex-page";
