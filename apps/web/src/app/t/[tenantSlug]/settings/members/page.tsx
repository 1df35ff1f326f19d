export { MembersPage as default, membersMetadata as generateMetadata } from "@/features/settings/members-page";
