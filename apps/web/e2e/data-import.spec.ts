// Journey: a venue admin imports a French ticketing export (semicolons, Windows-1252, a few bad
// rows): upload, column mapping with the suggestions, progress to completion (the worker runs
// during e2e), the rejected rows with their reasons and as CSV, then the imported show in
// Ignition. Then an API key created in Settings sends a file to the REST API, with the preset
// saved on the mapping step, and reads its status and rejected rows; once revoked it is refused.
// Analysts and viewers get the 403 page.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, request, test, type APIRequestContext } from "@playwright/test";
import { describedValue as stat, screenshotFromTop as screenshot, signIn } from "./helpers";

const SLUG = "theatre-lumiere";
const DATA = `/t/${SLUG}/data`;
const FIXTURES = join(import.meta.dirname, "fixtures");
const UI_FILE = join(FIXTURES, "billetterie-lumiere-windows-1252.csv");
const API_FILE = join(FIXTURES, "billetterie-api-utf8.csv");
const PRESET = "Export Lumière e2e";

test.describe.serial("ticketing import", () => {
  test("an admin uploads a French export, maps it, follows it to the end and reads the rejected rows", async ({ page }) => {
    test.setTimeout(120_000);
    await signIn(page, "admin@lumiere.demo");
    await page.goto(DATA);
    await expect(page.getByRole("heading", { level: 1, name: "Données" })).toBeVisible();

    // Upload: the kind and the file, both labelled.
    await page.getByLabel("Contenu du fichier").selectOption({ label: "Billets et commandes" });
    await page.getByLabel("Fichier d'export").setInputFiles(UI_FILE);
    await screenshot(page, "import-upload");
    await page.getByRole("button", { name: "Envoyer le fichier" }).click();
    await expect(page).toHaveURL(/\/data\/imports\/[0-9a-f-]{36}\/mapping$/);
    const importUrl = page.url().replace(/\/mapping$/, "");

    // Mapping: the file was read right and the suggestions are pre-selected, with confidence.
    await expect(page.getByRole("heading", { level: 1, name: "Correspondance des colonnes" })).toBeVisible();
    await expect(page.getByText("séparateur point-virgule")).toBeVisible();
    await expect(page.getByText("encodage windows-1252")).toBeVisible();
    await expect(page.getByLabel(/^Date de commande/)).toHaveValue("Date de commande");
    await expect(page.getByLabel(/^Prix/)).toHaveValue("Prix TTC");
    await expect(page.getByLabel(/^Ville/)).toHaveValue("Ville du spectateur");
    await expect(page.getByRole("row", { name: /^Ville/ })).toContainText("Suggéré, confiance 68 %");
    await expect(page.getByRole("row", { name: /^Date de commande/ })).toContainText("(obligatoire)");
    // The preview shows, before anything is imported, which rows will be refused and why.
    const preview = page.getByRole("table", { name: /Premières lignes du fichier/ });
    await expect(preview.getByRole("row", { name: /^8 / })).toContainText("Date de commande illisible : « 31/02/2026 10:00 »");
    await expect(preview.getByRole("row", { name: /^2 / })).toContainText("Acceptée");

    await page.getByLabel(/Enregistrer comme préréglage/).fill(PRESET);
    await screenshot(page, "import-mapping");

    // A mapping that cannot work is refused with a reason (and nothing is queued).
    await page.getByLabel(/^Prix/).selectOption("");
    await page.getByRole("button", { name: "Lancer l'import" }).click();
    const refusal = page.getByRole("alert").filter({ hasText: "La correspondance ne peut pas être utilisée" });
    await expect(refusal).toContainText("« prix »");
    await expect(refusal).toBeFocused();
    await page.getByLabel(/^Prix/).selectOption("Prix TTC");
    await page.getByRole("button", { name: "Lancer l'import" }).click();
    await expect(page).toHaveURL(importUrl);

    // Progress: refreshed by itself until the worker has finished.
    await expect(page.getByRole("progressbar", { name: "Avancement" })).toBeVisible();
    await expect(page.getByText(/Import terminé/)).toBeVisible({ timeout: 60_000 });
    expect(await stat(page, "Lignes lues")).toBe("9");
    expect(await stat(page, "Acceptées")).toBe("6");
    expect(await stat(page, "Rejetées")).toBe("3");
    await expect(page.getByRole("progressbar", { name: "Avancement" })).toHaveAttribute("aria-valuenow", "100");
    await screenshot(page, "import-completed");

    // Rejected rows: line, reasons in French, the raw values.
    await page.getByRole("link", { name: "Voir les lignes rejetées (3)" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Lignes rejetées" })).toBeVisible();
    const rejected = page.getByRole("table", { name: /Lignes rejetées de/ });
    await expect(rejected.getByRole("row")).toHaveCount(4);
    await expect(rejected.getByRole("row", { name: /^8 / })).toContainText("Date de commande illisible : « 31/02/2026 10:00 »");
    await expect(rejected.getByRole("row", { name: /^9 / })).toContainText("Prix : montant illisible « vingt euros »");
    await expect(rejected.getByRole("row", { name: /^10 / })).toContainText("Ni référence de commande ni référence de billet");
    await expect(rejected.getByRole("row", { name: /^9 / })).toContainText("Hervé");
    await screenshot(page, "import-rejected");

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Télécharger en CSV" }).click()]);
    expect(download.suggestedFilename()).toBe("rejets-billetterie-lumiere-windows-1252.csv");
    const csv = readFileSync(await download.path(), "utf8").replace(/^\uFEFF/, "");
    const lines = csv.trim().split(/\r?\n/);
    expect(lines[0]).toMatch(/^Ligne;Motifs;N° commande;/);
    expect(lines).toHaveLength(4);
    expect(csv).toContain("vingt euros");
    expect(csv).toContain("Date de commande illisible");

    // The list shows the import with its counts and who made it.
    await page.goto(DATA);
    const row = page.getByRole("row", { name: /billetterie-lumiere-windows-1252\.csv/ }).first();
    await expect(row).toContainText("Terminé");
    await expect(row).toContainText("6 sur 9");
    await expect(row).toContainText("Julien Roux");

    // Ignition counts the imported show (the worker refreshed the rollups).
    await page.goto(`/t/${SLUG}/ignition/breakdowns?dim=show&from=2026-11-01&to=2026-12-31`);
    const show = page.getByRole("row", { name: /Ombres portées/ });
    await expect(show).toBeVisible();
    await expect(show).toContainText("6");
  });

  test("a large import shows its progress and ETA, and can be cancelled while it runs", async ({ page }) => {
    test.setTimeout(180_000);
    // 300,000 rows of an old season (2015: outside every period the other journeys look at), no
    // contact details, with the same columns as the fixture so the saved preset applies.
    const path = join(mkdtempSync(join(tmpdir(), "rappel-e2e-")), "export-archives-2015.csv");
    const header = readFileSync(UI_FILE, "latin1").split("\r\n")[0]!;
    const lines = [header];
    for (let i = 1; i <= 300_000; i++) {
      const day = String((i % 28) + 1).padStart(2, "0");
      lines.push(`Z-${i};Z-B${i};15/01/2015 10:00;Archives 2015;${day}/03/2015;20h30;Studio;Plein tarif;22,00;Internet;;;;;`);
    }
    writeFileSync(path, lines.join("\r\n"), "latin1");

    await signIn(page, "admin@lumiere.demo");
    await page.goto(DATA);
    await page.getByLabel("Fichier d'export").setInputFiles(path);
    await page.getByRole("button", { name: "Envoyer le fichier" }).click();
    await expect(page.getByRole("note")).toContainText(`Le préréglage « ${PRESET} » correspond aux colonnes de ce fichier`);
    await page.getByRole("button", { name: "Lancer l'import" }).click();
    await expect(page).toHaveURL(/\/data\/imports\/[0-9a-f-]{36}$/);

    await expect(page.getByText("Import en cours : la page se met à jour toute seule.")).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText(/Temps restant estimé/)).toBeVisible();
    // The ETA exists once the first batch (20,000 rows) is committed: on a loaded machine that can
    // take well over 10 s.
    await expect(page.getByText(/environ \d/)).toBeVisible({ timeout: 60_000 });
    // Without JavaScript the page refreshes itself: the server's HTML has a meta refresh inside
    // <noscript> (React leaves noscript empty once it runs in the browser, so read the HTML).
    const html = await (await page.request.get(page.url())).text();
    expect(html).toMatch(/<noscript><meta http-equiv="refresh" content="3"\/><\/noscript>/);
    await screenshot(page, "import-progress");
    await page.getByRole("button", { name: "Annuler l'import" }).click();
    await expect(page.getByRole("status")).toContainText("Annulation demandée");
    await expect(page.getByText(/Import annulé/)).toBeVisible({ timeout: 60_000 });
    const accepted = Number((await stat(page, "Acceptées")).replace(/\D/g, ""));
    expect(accepted).toBeLessThan(300_000);
    await expect(page.getByRole("button", { name: "Annuler l'import" })).toHaveCount(0);
  });

  test("an API key created in Settings sends a file with the saved preset and reads the outcome", async ({ page, baseURL }) => {
    test.setTimeout(120_000);
    await signIn(page, "admin@lumiere.demo");
    await page.goto(`/t/${SLUG}/settings/api-keys`);
    await expect(page.getByRole("heading", { level: 1, name: "Clés d'API" })).toBeVisible();
    await page.getByLabel("Nom de la clé").fill("Billetterie Sirius");
    await expect(page.getByLabel(/imports:write/)).toBeChecked();
    await expect(page.getByLabel(/imports:read/)).toBeChecked();
    await page.getByRole("button", { name: "Créer la clé" }).click();
    const keyField = page.getByLabel("Votre nouvelle clé");
    await expect(keyField).toBeVisible();
    await expect(page.getByText("elle ne sera plus jamais affichée")).toBeVisible();
    const key = await keyField.inputValue();
    expect(key).toMatch(/^rpl_[0-9a-f]{32}_[a-z2-7]{8}_[a-z2-7]{52}$/);
    const keys = page.getByRole("table", { name: /Clés d'API de/ });
    await expect(keys.getByRole("row", { name: /Billetterie Sirius/ })).toContainText("Jamais utilisée");
    await screenshot(page, "api-keys");

    // A separate request context: no session cookie, only the key.
    const api: APIRequestContext = await request.newContext({ baseURL });
    const auth = { Authorization: `Bearer ${key}` };
    try {
      expect((await api.get("/api/v1/imports/00000000-0000-4000-8000-000000000000")).status()).toBe(401);
      const created = await api.post(`/api/v1/imports?kind=tickets&fileName=billetterie-api-utf8.csv&preset=${encodeURIComponent(PRESET)}`, {
        headers: { ...auth, "Content-Type": "text/csv" },
        data: readFileSync(API_FILE),
      });
      expect(created.status(), await created.text()).toBe(202);
      const body = (await created.json()) as { import: { id: string; status: string; source: string } };
      // Queued when answered — or already taken by the worker, which may be that fast.
      expect(body.import.source).toBe("api");
      expect(["queued", "running", "completed"]).toContain(body.import.status);

      let status = "";
      let last: { status: string; rows: { read: number; accepted: number; rejected: number } } | null = null;
      for (let i = 0; i < 60 && !["completed", "failed", "cancelled"].includes(status); i++) {
        if (i > 0) await new Promise((r) => setTimeout(r, 500));
        const res = await api.get(`/api/v1/imports/${body.import.id}`, { headers: auth });
        expect(res.status()).toBe(200);
        last = await res.json();
        status = last!.status;
      }
      expect(last).toMatchObject({ status: "completed", rows: { read: 3, accepted: 2, rejected: 1 } });

      const rejectedRes = await api.get(`/api/v1/imports/${body.import.id}/rejected-rows?lang=en`, { headers: auth });
      const rejected = (await rejectedRes.json()) as { total: number; rows: { line: number; reasons: string[] }[] };
      expect(rejected.total).toBe(1);
      expect(rejected.rows[0]).toMatchObject({ line: 4 });
      expect(rejected.rows[0]!.reasons[0]).toContain("Unreadable order date");
      // Unknown ids are 404, a bad mapping 422.
      expect((await api.get("/api/v1/imports/00000000-0000-4000-8000-000000000000", { headers: auth })).status()).toBe(404);
      const badMapping = await api.post("/api/v1/imports?kind=tickets&fileName=x.csv&mapping=%7B%7D", {
        headers: { ...auth, "Content-Type": "text/csv" },
        data: readFileSync(API_FILE),
      });
      expect(badMapping.status()).toBe(422);
      expect((await badMapping.json()).error.code).toBe("import.mapping_invalid");

      // The OpenAPI document describes these operations.
      const openapi = await (await api.get("/api/v1/openapi.json")).json();
      expect(openapi.openapi).toBe("3.1.0");
      expect(Object.keys(openapi.paths)).toContain("/api/v1/imports/{importId}/rejected-rows");

      // Last use is shown; once revoked, the key is refused.
      await page.reload();
      await expect(keys.getByRole("row", { name: /Billetterie Sirius/ })).not.toContainText("Jamais utilisée");
      await keys.getByRole("row", { name: /Billetterie Sirius/ }).getByRole("link", { name: /Révoquer/ }).click();
      await expect(page.getByRole("heading", { name: "Révoquer la clé « Billetterie Sirius » ?" })).toBeVisible();
      await page.getByRole("button", { name: "Révoquer définitivement" }).click();
      await expect(page.getByRole("status").filter({ hasText: "La clé a été révoquée." })).toBeVisible();
      await expect(keys.getByRole("row", { name: /Billetterie Sirius/ })).toContainText("Révoquée le");
      const afterRevoke = await api.get(`/api/v1/imports/${body.import.id}`, { headers: auth });
      expect(afterRevoke.status()).toBe(401);
      expect((await afterRevoke.json()).error.code).toBe("auth.invalid");

      // Settings → API documentation: curl examples and the OpenAPI link.
      await page.getByRole("navigation", { name: "Sections des paramètres" }).getByRole("link", { name: "Documentation de l'API" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Documentation de l'API" })).toBeVisible();
      await expect(page.getByRole("link", { name: "Télécharger la description OpenAPI" })).toHaveAttribute("href", "/api/v1/openapi.json");
      await expect(page.getByText(/curl -X POST/).first()).toBeVisible();
      await screenshot(page, "api-docs");
    } finally {
      await api.dispose();
    }
  });

  test("in English, the saved preset is applied to the next file with the same columns", async ({ page, context, baseURL }) => {
    await signIn(page, "admin@lumiere.demo");
    // The language cookie only (the switcher would also save English on the shared demo account).
    await context.addCookies([{ name: "rappel_locale", value: "en", url: baseURL! }]);
    await page.goto(DATA);
    await expect(page.getByRole("heading", { level: 1, name: "Data" })).toBeVisible();
    await page.getByLabel("Export file").setInputFiles(API_FILE);
    await page.getByRole("button", { name: "Upload the file" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Column mapping" })).toBeVisible();
    await expect(page.getByRole("note")).toContainText(`The preset “${PRESET}” matches this file's columns`);
    await expect(page.getByRole("row", { name: /^order date/i })).toContainText("Preset");
    await screenshot(page, "import-mapping-en");
  });
});

test("a file of the wrong type is refused with a message tied to the file field", async ({ page }) => {
  await signIn(page, "admin@lumiere.demo");
  await page.goto(DATA);
  await page.getByLabel("Fichier d'export").setInputFiles({ name: "programme.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4") });
  await page.getByRole("button", { name: "Envoyer le fichier" }).click();
  const file = page.getByLabel("Fichier d'export");
  await expect(file).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#import-file-error")).toHaveText(/n'est pas pris en charge/);
  await expect(file).toBeFocused();
});

for (const email of ["analyste@lumiere.demo", "lecture@lumiere.demo"]) {
  test(`${email} gets the 403 page on imports and API keys`, async ({ page }) => {
    await signIn(page, email);
    for (const path of [DATA, `${DATA}/imports/00000000-0000-4000-8000-000000000000`, `/t/${SLUG}/settings/api-keys`]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
    }
    const upload = await page.request.post(`/api/v1/ui/${SLUG}/imports`, { multipart: { kind: "tickets", file: { name: "a.csv", mimeType: "text/csv", buffer: Buffer.from("a;b\n1;2\n") } } });
    expect(upload.status()).toBe(403);
  });
}
