export { SettingsIndexPage as default } from "@/features/settings/members-page";
