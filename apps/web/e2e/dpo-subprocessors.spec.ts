// Journeys: the DPO announces a sub-processor change, the written notice reaches the client's
// owner by e-mail, the owner objects in Settings and downloads Rappel's ST annex, and the DPO's
// enabling is refused for that client. Then the DPO's vendor identity page (FR and EN) and the
// integrity of the history on the registers page.
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { createDatabase } from "@rappel/db";
import { waitForEmail } from "./mailbox";
import { screenshot, signIn, totpFor } from "./helpers";

const OWNER = "direction@nuits-ete.demo";
const SLUG = "festival-nuits-ete";

async function signInDpo(page: Page, callbackUrl: string) {
  await page.context().clearCookies();
  await signIn(page, "dpo@rappel.demo", { code: await totpFor("dpo@rappel.demo"), callbackUrl });
}

test("a sub-processor change: written notice, the owner's objection and annex, enabling refused", async ({ page }) => {
  test.setTimeout(240_000);
  const name = `Routeur SMS Atlantique ${Date.now().toString(36)}`;
  await signInDpo(page, "/admin/dpo/registers");

  // The DPO draws up the festival's processor entry, so its owners have an annex to download.
  await page.getByRole("table", { name: "Clients et leur fiche de registre ST" }).getByRole("row", { name: /Festival des Nuits d'Été/ }).getByRole("link", { name: "Ouvrir" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Festival des Nuits d'Été");
  // The vendor's identity in the entry comes from the vendor profile.
  await expect(page.getByLabel("Sous-traitant (nom, adresse, contact)")).toHaveValue(/^Rappel SAS.*, 12 rue des Lumières, 69002 Lyon, France$/);

  // Plan a new sub-processor, then announce the change to every client.
  await page.goto("/admin/dpo/subprocessors");
  const add = page.getByRole("region", { name: "Prévoir un nouveau sous-traitant" }).or(page.locator("section", { has: page.getByRole("heading", { name: "Prévoir un nouveau sous-traitant" }) }));
  await add.getByLabel("Nom").fill(name);
  await add.getByLabel("Service").fill("Acheminement des SMS");
  await add.getByLabel("Localisation").fill("FR (Nantes)");
  await add.getByLabel("Catégories de données").fill("Numéro de téléphone\nContenu des messages");
  await add.getByRole("button", { name: "Ajouter au registre (prévu)" }).click();
  await expect(page.getByRole("status").filter({ hasText: "C'est enregistré." })).toBeVisible();
  const section = page.locator("section", { has: page.getByRole("heading", { level: 2, name }) });
  await section.getByLabel("Texte du changement pour les clients").fill("Nous remplaçons notre routeur SMS par un prestataire basé à Nantes.");
  await section.getByRole("button", { name: "Annoncer et envoyer les e-mails" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Changement annoncé" })).toBeVisible();

  // The worker sends the written notice: it arrives in the festival owner's mailbox.
  const mail = await waitForEmail((m) => m.to.includes(OWNER) && m.subject.includes(name), 90_000);
  expect(mail.subject).toBe(`Changement de sous-traitant : ${name}`);
  expect(mail.text).toContain("Nous remplaçons notre routeur SMS");
  expect(mail.text).toContain("Vous disposez de 8 jours");
  const link = /\/t\/[a-z0-9-]+\/settings\/subprocessors/.exec(mail.text)?.[0];
  expect(link).toBe(`/t/${SLUG}/settings/subprocessors`);

  // The proof of sending (message id and the server's reply) shows on the DPO's page.
  await expect(async () => {
    await page.reload();
    await expect(section.getByRole("row", { name: /Festival des Nuits d'Été/ })).toContainText(/<[^>]+@[^>]+> — 250/, { timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  await screenshot(page, "dpo-subprocessor-notices");

  // The owner objects in Settings.
  await page.context().clearCookies();
  await signIn(page, OWNER, { callbackUrl: link! });
  await expect(page).toHaveURL(new RegExp(`${link}$`));
  const card = page.locator("div", { has: page.getByRole("heading", { level: 2, name: new RegExp(name) }) }).last();
  await card.getByLabel("Motif de votre objection").fill("Nos données restent chez notre routeur actuel.");
  await card.getByRole("button", { name: "M'opposer à ce changement" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Votre objection est enregistrée." })).toBeVisible();
  await expect(page.getByText(/Objection enregistrée le .* : Nos données restent chez notre routeur actuel\./)).toBeVisible();
  await screenshot(page, "tenant-subprocessor-objection");

  // The owner downloads Rappel's ST annex for their own register.
  await page.goto(`/t/${SLUG}/settings/dpo-annex`);
  await expect(page.getByRole("heading", { level: 1, name: "Annexe RGPD : notre fiche de sous-traitance" })).toBeVisible();
  await screenshot(page, "tenant-dpo-annex");
  const [pdf] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Télécharger l'annexe (PDF)" }).click()]);
  expect(pdf.suggestedFilename()).toBe(`annexe-rgpd-${SLUG}.pdf`);
  const bytes = readFileSync((await pdf.path())!);
  expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
  const [xlsx] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "XLSX" }).click()]);
  expect(xlsx.suggestedFilename()).toBe(`annexe-rgpd-${SLUG}.xlsx`);
  // The annex in English.
  await page.context().addCookies([{ name: "rappel_locale", value: "en", domain: new URL(page.url()).hostname, path: "/" }]);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "GDPR annex: our processing entry" })).toBeVisible();
  await screenshot(page, "tenant-dpo-annex-en");

  // Back to the DPO: enabling is refused for the festival, whose objection is on record.
  await signInDpo(page, "/admin/dpo/subprocessors");
  await section.getByRole("button", { name: "Activer pour les clients dont le délai est écoulé sans objection" }).click();
  await expect(page.getByRole("status")).toContainText("Activé pour 0 client(s)");
  await expect(section.getByRole("row", { name: /Festival des Nuits d'Été/ })).toContainText("Nos données restent chez notre routeur actuel.");
  await expect(page.getByRole("table", { name: "Sous-traitants" }).getByRole("row", { name: new RegExp(name) })).toContainText("Prévu");
});

test("the DPO keeps the vendor's identity, versioned, and sees the history intact", async ({ page }) => {
  test.setTimeout(120_000);
  await signInDpo(page, "/admin/dpo/vendor");
  await expect(page.getByRole("heading", { level: 1, name: "Identité du prestataire" })).toBeVisible();
  await expect(page.getByLabel("Raison sociale")).toHaveValue("Rappel SAS");

  // A bad SIREN is refused with a message tied to the form.
  await page.getByLabel("Numéro SIREN").fill("1234");
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByRole("status")).toContainText("Le numéro SIREN compte 9 chiffres");
  await page.getByLabel("Numéro SIREN").fill("552 100 554");
  await page.getByLabel("Représentant", { exact: true }).fill("Jeanne Martin, présidente");
  await page.getByLabel("Motif de la modification").fill("Immatriculation");
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Fiche enregistrée (version 2)." })).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("chain-status")).toContainText("Chaîne d'empreintes intacte");
  await expect(page.getByRole("table", { name: /Versions de la fiche/ }).getByRole("row", { name: /v2/ })).toContainText("Immatriculation");
  await screenshot(page, "dpo-vendor");

  // The registers page checks every platform history at once.
  await page.goto("/admin/dpo/registers");
  await expect(page.getByTestId("chain-status")).toContainText("Chaîne d'empreintes intacte");

  // A breach's client letter now names the vendor with its SIREN, in French and in English.
  await page.goto("/admin/dpo/breaches/new");
  await page.getByLabel("Intitulé").fill("Fichier de spectateurs exposé par un lien public");
  await page.getByLabel(/Confidentialité/).check();
  await page.getByLabel("Fichier des spectateurs").check();
  await page.getByLabel(/RT-03/).check();
  await page.getByRole("button", { name: "Consigner" }).click();
  await expect(page).toHaveURL(/\/admin\/dpo\/breaches\/[0-9a-f-]{36}/);
  const row = page.getByRole("table", { name: "Clients touchés et leur information" }).getByRole("row", { name: /Théâtre de la Lumière/ });
  const fr = row.getByTestId("client-draft-fr");
  await fr.locator("summary").click();
  await expect(fr.getByRole("textbox", { name: "Brouillon du courrier en français" })).toHaveValue(/Rappel SAS \(SIREN 552 100 554\), 12 rue des Lumières/);
  const en = row.getByTestId("client-draft-en");
  await en.locator("summary").click();
  await expect(en.getByRole("textbox", { name: "Brouillon du courrier en anglais" })).toHaveValue(/^Dear Sir or Madam,[\s\S]*As your processor/);
  await expect(page.getByTestId("chain-status")).toContainText("Chaîne d'empreintes intacte");
  await screenshot(page, "dpo-breach-drafts");

  await page.context().addCookies([{ name: "rappel_locale", value: "en", domain: new URL(page.url()).hostname, path: "/" }]);
  await page.goto("/admin/dpo/vendor");
  await expect(page.getByRole("heading", { level: 1, name: "Vendor identity" })).toBeVisible();
  await expect(page.getByTestId("chain-status")).toContainText("Hash chain intact");
  await screenshot(page, "dpo-vendor-en");

  // Someone with the database owner's access rewrites the breach's first version: the console
  // shows where the chain breaks.
  const owner = createDatabase(process.env.E2E_OWNER_DATABASE_URL!, { max: 1 });
  try {
    const rows = await owner.$queryRaw<{ reference: string }[]>`
      UPDATE dpo_document_version v SET content = jsonb_set(v.content, '{title}', '"Incident sans gravité"')
        FROM dpo_document d WHERE d.id = v.document_id AND d.title = 'Fichier de spectateurs exposé par un lien public' AND v.version = 1
      RETURNING d.reference`;
    expect(rows).toHaveLength(1);
    await page.context().addCookies([{ name: "rappel_locale", value: "fr", domain: new URL(page.url()).hostname, path: "/" }]);
    await page.goto("/admin/dpo/registers");
    const chain = page.getByTestId("chain-status");
    await expect(chain.getByRole("alert")).toHaveText("Chaîne d'empreintes rompue : l'historique a été modifié en dehors de l'application.");
    const broken = chain.getByRole("table", { name: "Endroits où la chaîne d'empreintes est rompue" }).getByRole("row", { name: new RegExp(rows[0]!.reference) });
    await expect(broken).toContainText("1");
    await expect(broken).toContainText("Registre des violations");
    await expect(broken).toContainText("modifié après coup");
    await screenshot(page, "dpo-chain-broken");
  } finally {
    await owner.$disconnect();
  }
});
