// French and English must say the same things: same keys, same placeholders, and a label for
// every role, area and tenant kind the code can show.
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import { PLATFORM_ROLES, TENANT_AREAS, TENANT_ROLES } from "@rappel/access";
import { QUEUE_NAMES } from "@rappel/jobs";
import { resolveLocale } from "./locales";
import { MESSAGES } from "./messages";

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

/** The arguments a message uses (plural/select branches included), read with the ICU parser. */
function placeholders(message: string): string[] {
  const names = new Set<string>();
  const walk = (elements: MessageFormatElement[]): void => {
    for (const element of elements) {
      if ("value" in element && element.type !== TYPE.literal) names.add(String(element.value));
      if ("options" in element) for (const option of Object.values(element.options)) walk(option.value);
      if ("children" in element) walk(element.children);
    }
  };
  walk(parse(message));
  return [...names].sort();
}

const frKeys = flatten(MESSAGES.fr as Tree);
const enKeys = flatten(MESSAGES.en as Tree);

describe("messages", () => {
  it("have the same keys in French and English", () => {
    expect([...enKeys.keys()].sort()).toEqual([...frKeys.keys()].sort());
  });

  it("use the same placeholders in both languages", () => {
    for (const [key, message] of frKeys) expect(placeholders(enKeys.get(key) ?? ""), key).toEqual(placeholders(message));
  });

  it("name every role, area and queue", () => {
    for (const role of [...TENANT_ROLES, ...PLATFORM_ROLES]) expect(frKeys.has(`roles.${role}`), role).toBe(true);
    for (const area of TENANT_AREAS) {
      expect(frKeys.has(`areas.${area.id}.label`), area.id).toBe(true);
      expect(frKeys.has(`areas.${area.id}.description`), area.id).toBe(true);
    }
    for (const queue of QUEUE_NAMES) expect(frKeys.has(`admin.queues.purposes.${queue}`), queue).toBe(true);
  });
});

describe("area message files", () => {
  it("each hold only their own namespace, so an area cannot overwrite another's or the core's", async () => {
    for (const locale of ["fr", "en"] as const) {
      for (const area of ["satisfaction", "activation", "privacy", "dpo"]) {
        const file = (await import(`../../messages/${locale}/${area}.json`)) as { default: object };
        expect(Object.keys(file.default).filter((key) => key !== area), `${locale}/${area}.json`).toEqual([]);
      }
    }
  });
});

describe("resolveLocale", () => {
  it("prefers the cookie, then the user's locale, then French", () => {
    expect(resolveLocale("en", "fr")).toBe("en");
    expect(resolveLocale(undefined, "en")).toBe("en");
    expect(resolveLocale("de", "xx")).toBe("fr");
    expect(resolveLocale(undefined, undefined)).toBe("fr");
  });
});
