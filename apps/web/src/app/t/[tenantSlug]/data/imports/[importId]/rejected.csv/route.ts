export { downloadRejectedCsv as GET } from "@/features/data/rejected-csv-route";
