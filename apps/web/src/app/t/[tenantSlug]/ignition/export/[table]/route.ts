export { exportCsv as GET } from "@/features/ignition/export/csv-route";
