import { redirect } from "next/navigation";

export default function DpoIndex() {
  redirect("/admin/dpo/registers");
}
