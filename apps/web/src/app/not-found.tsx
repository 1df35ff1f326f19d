import { NotFoundScreen } from "@/features/errors/not-found-screen";

export default function NotFound() {
  return <NotFoundScreen standalone />;
}
