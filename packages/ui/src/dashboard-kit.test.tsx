// Markup checks for the dashboard components: what each promises to assistive technology.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { InfoTip } from "./info-tip";
import { LinkTabs } from "./link-tabs";
import { SelectField } from "./select-field";
import { StatChange } from "./stat-change";

describe("InfoTip", () => {
  it("is a named button described by its tooltip, hidden until hover or focus", () => {
    const html = renderToStaticMarkup(<InfoTip label="Définition : Recette">Somme des prix</InfoTip>);
    const describedBy = /aria-describedby="([^"]+)"/.exec(html)?.[1];
    expect(describedBy).toBeTruthy();
    expect(html).toContain('aria-label="Définition : Recette"');
    expect(html).toContain(`role="tooltip" id="${describedBy}"`);
    expect(html).toContain("group-focus-within/tip:block");
    expect(html).toContain("group-hover/tip:block");
    expect(html).toContain("Somme des prix");
  });
});

describe("LinkTabs", () => {
  it("is a labelled navigation marking the current tab", () => {
    const html = renderToStaticMarkup(
      <LinkTabs label="Vues" tabs={[{ href: "/a", label: "A", current: true }, { href: "/b", label: "B", current: false }]} />,
    );
    expect(html).toContain('<nav aria-label="Vues"');
    expect(html).toMatch(/href="\/a" aria-current="page"/);
    expect(html).not.toMatch(/href="\/b" aria-current/);
  });
});

describe("SelectField", () => {
  it("ties its label and hint to the select and keeps the chosen value", () => {
    const html = renderToStaticMarkup(
      <SelectField id="venue" name="venueId" label="Salle" hint="Toutes par défaut" defaultValue="b" options={[{ value: "", label: "Toutes" }, { value: "b", label: "Studio" }]} />,
    );
    expect(html).toContain('<label for="venue"');
    expect(html).toContain('aria-describedby="venue-hint"');
    expect(html).toContain('<option value="b" selected="">Studio</option>');
  });
});

describe("StatChange", () => {
  it("says the change in words for screen readers and hides the visual shorthand", () => {
    const html = renderToStaticMarkup(
      <StatChange direction="down" tone="bad" text="−4 %" caption="vs N−1" description="en baisse de 4 % par rapport à la saison dernière" />,
    );
    expect(html).toContain('<span class="sr-only">en baisse de 4 % par rapport à la saison dernière</span>');
    expect(html).toContain('<span aria-hidden="true">−4 %</span>');
    expect(html).toContain('<svg aria-hidden="true"');
  });
});
