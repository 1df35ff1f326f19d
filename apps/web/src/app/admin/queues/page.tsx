export { QueuesPage as default, queuesMetadata as generateMetadata } from "@/features/admin/queues-page";
