// What an API key may be allowed to do. No Node imports: the settings form (client) lists them.
import { z } from "zod";

export const API_KEY_SCOPES = ["imports:write", "imports:read"] as const;
export const ZApiKeyScope = z.enum(API_KEY_SCOPES);
export type TApiKeyScope = z.infer<typeof ZApiKeyScope>;
