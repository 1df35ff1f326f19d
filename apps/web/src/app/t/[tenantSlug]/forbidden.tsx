import { ForbiddenScreen } from "@/features/errors/forbidden-screen";

// Inside a tenant the 403 page keeps the shell, so the user can go elsewhere.
export default function Forbidden() {
  return <ForbiddenScreen />;
}
