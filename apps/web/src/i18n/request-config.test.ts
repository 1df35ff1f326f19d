// next-intl's request config: a language asked for explicitly (getTranslations({ locale }), as the
// spectators' survey pages do with the invitation's language) gets that language's messages.
import { describe, expect, it } from "vitest";
import { loadRequestConfig } from "./request-config";

describe("request config", () => {
  it("serves the explicitly asked language, whatever the visitor's cookie or session", async () => {
    const en = await loadRequestConfig({ locale: "en" });
    expect(en.locale).toBe("en");
    expect((en.messages as { satisfaction: { public: { previous: string } } }).satisfaction.public.previous).toBe("Previous");
    const fr = await loadRequestConfig({ locale: "fr" });
    expect((fr.messages as { satisfaction: { public: { previous: string } } }).satisfaction.public.previous).toBe("Précédent");
  });
});
