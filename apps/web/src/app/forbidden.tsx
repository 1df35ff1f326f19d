import { ForbiddenScreen } from "@/features/errors/forbidden-screen";

export default function Forbidden() {
  return <ForbiddenScreen standalone />;
}
