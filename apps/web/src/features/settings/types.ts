// What the API key creation form gets back from its server action.
export type CreateApiKeyState =
  | { status: "idle" }
  | { status: "invalid"; name: string; errors: { name: string | null; scopes: string | null } }
  | { status: "created"; name: string; key: string };
