// Server-rendered markup checks: the accessibility wiring each component promises.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Button, buttonClasses } from "./button";
import { Card } from "./card";
import { DataTable } from "./data-table";
import { EmptyState } from "./empty-state";
import { Field } from "./field";
import { PageHeader } from "./page-header";

describe("Field", () => {
  it("ties the label, hint and error to the input", () => {
    const html = renderToStaticMarkup(<Field id="email" name="email" label="E-mail" hint="Your work address" error="Required" />);
    expect(html).toContain('<label for="email"');
    expect(html).toContain('id="email"');
    expect(html).toContain('aria-describedby="email-hint email-error"');
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('<p id="email-hint"');
    expect(html).toContain('<p id="email-error"');
  });

  it("marks nothing invalid and describes nothing when there is no hint or error", () => {
    const html = renderToStaticMarkup(<Field id="name" label="Name" optionalLabel="optional" />);
    expect(html).not.toContain("aria-invalid");
    expect(html).not.toContain("aria-describedby");
    expect(html).toContain("(optional)");
  });
});

describe("Button", () => {
  it("defaults to type=button so it never submits a form by accident", () => {
    expect(renderToStaticMarkup(<Button>Go</Button>)).toContain('type="button"');
    expect(renderToStaticMarkup(<Button type="submit">Go</Button>)).toContain('type="submit"');
  });

  it("is disabled and announced busy while busy", () => {
    const html = renderToStaticMarkup(<Button busy>Saving</Button>);
    expect(html).toContain("disabled");
    expect(html).toContain('aria-busy="true"');
  });

  it("has a visible focus style and a touch-sized target in every variant", () => {
    for (const v of ["primary", "secondary", "ghost", "danger"] as const) {
      expect(buttonClasses(v)).toContain("focus-visible:outline-2");
      expect(buttonClasses(v)).toContain("min-h-11");
    }
  });
});

describe("PageHeader, Card, EmptyState", () => {
  it("renders the page's single h1 with its description", () => {
    const html = renderToStaticMarkup(<PageHeader title="Ignition" description="Dashboards" />);
    expect(html.match(/<h1/g)).toHaveLength(1);
    expect(html).toContain("Dashboards");
  });

  it("labels a titled card region by its heading", () => {
    const html = renderToStaticMarkup(
      <Card id="kpis" title="KPIs">
        x
      </Card>,
    );
    expect(html).toContain('aria-labelledby="kpis-title"');
    expect(html).toContain('<h2 id="kpis-title"');
  });

  it("hides the empty state's decorative icon from assistive technology", () => {
    const html = renderToStaticMarkup(<EmptyState title="Nothing yet" icon="★" description="Soon" />);
    expect(html).toContain('aria-hidden="true"');
    expect(html).toContain("Nothing yet");
  });
});

describe("DataTable", () => {
  const rows = [{ id: "a", name: "Salle Molière", seats: 1200 }, { id: "b", name: "Studio", seats: 90 }];
  const columns = [
    { header: "Salle", cell: (r: (typeof rows)[number]) => r.name },
    { header: "Places", cell: (r: (typeof rows)[number]) => r.seats, numeric: true },
  ];

  it("has a caption, column headers, a header per row, and right-aligned tabular numbers", () => {
    const html = renderToStaticMarkup(<DataTable caption="Les salles" hideCaption columns={columns} rows={rows} rowKey={(r) => r.id} rowId={(r) => `venue-${r.id}`} />);
    expect(html).toContain('<caption class="sr-only">Les salles</caption>');
    expect(html.match(/<th scope="col"/g)).toHaveLength(2);
    expect(html).toMatch(/<tr id="venue-a"><th scope="row"[^>]*>Salle Molière<\/th><td class="[^"]*text-right tabular-nums[^"]*">1200<\/td><\/tr>/);
    expect(html).toMatch(/<th scope="col" class="[^"]*text-right[^"]*">Places<\/th>/);
  });

  it("can head each row with a later column when a reference comes first", () => {
    const html = renderToStaticMarkup(<DataTable caption="c" rowHeaderColumn={1} columns={[columns[1]!, columns[0]!]} rows={rows} rowKey={(r) => r.id} />);
    expect(html).toMatch(/<tr><td class="[^"]*">1200<\/td><th scope="row"[^>]*>Salle Molière<\/th><\/tr>/);
  });

  it("spaces lists people act on more widely than figures", () => {
    const comfortable = renderToStaticMarkup(<DataTable caption="c" density="comfortable" columns={columns} rows={rows} rowKey={(r) => r.id} />);
    expect(comfortable).toContain("px-4 py-3");
    expect(renderToStaticMarkup(<DataTable caption="c" columns={columns} rows={rows} rowKey={(r) => r.id} />)).not.toContain("px-4 py-3");
  });
});
