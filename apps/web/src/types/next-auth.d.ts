// What our JWT and session carry (see server/auth-options.ts).
import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface User {
    id: string;
    locale?: string;
    secondFactor?: boolean;
  }
  interface Session {
    user: { id: string; name: string; email: string; locale?: string };
    secondFactor: boolean;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid: string;
    locale?: string;
    secondFactor?: boolean;
  }
}
