import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

// Messages are chosen per request (cookie or the user's locale); URLs carry no locale prefix.
const withNextIntl = createNextIntlPlugin("./src/i18n/request.ts");

const config: NextConfig = {
  // The workspace packages are TypeScript sources, consumed without a build step.
  transpilePackages: [
    "@rappel/access",
    "@rappel/auth",
    "@rappel/campaigns",
    "@rappel/config",
    "@rappel/db",
    "@rappel/dpo-records",
    "@rappel/jobs",
    "@rappel/personal-data",
    "@rappel/segments",
    "@rappel/survey",
    "@rappel/ui",
  ],
  // Native or Node-only dependencies are loaded by Node at run time, not bundled.
  serverExternalPackages: ["@node-rs/argon2", "pg", "@prisma/adapter-pg", "@prisma/client", "ioredis", "bullmq"],
  // forbidden() and forbidden.tsx: a denied request gets a real 403 page.
  experimental: { authInterrupts: true },
  poweredByHeader: false,
  reactStrictMode: true,
};

export default withNextIntl(config);
