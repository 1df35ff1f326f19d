// next-intl's per-request configuration (no locale in URLs): see request-config.ts.
import { getRequestConfig } from "next-intl/server";
import { loadRequestConfig } from "./request-config";

export default getRequestConfig(loadRequestConfig);
