// Header names → comparable tokens: "N° de commande" → ["numero", "commande"],
// "E-mail acheteur" → ["email", "acheteur"], "Prix TTC (€)" → ["prix", "ttc"].
import { foldLabel } from "../fields/result";

const STOP_WORDS = new Set(["de", "du", "des", "la", "le", "les", "l", "d", "a", "au", "aux", "en", "par", "of", "the", "in", "for", "by", "eur"]);

// Abbreviations and spellings seen in exports, to one token.
const EXPANSIONS: Record<string, string> = {
  n: "numero", no: "numero", num: "numero", nr: "numero", nb: "nombre", ref: "reference", cde: "commande",
  cmd: "commande", cmde: "commande", rep: "representation", repr: "representation", tel: "telephone",
  mail: "email", courriel: "email", mel: "email", cp: "code postal", zipcode: "zip code", qte: "quantite",
  dt: "date", hr: "heure", tarifs: "tarif", prenoms: "prenom", opt: "optin", nbr: "nombre",
};

export function headerTokens(header: string): string[] {
  const folded = foldLabel(header)
    .replace(/[nN][°º]/g, " numero ")
    .replace(/\be[\s-]?mail\b/g, "email")
    .replace(/\bopt[\s-]?in\b/g, "optin")
    .replace(/#/g, " numero ")
    .replace(/[€$£]/g, " ")
    .replace(/[^a-z0-9]+/g, " ");
  const tokens: string[] = [];
  for (const word of folded.split(" ")) {
    if (word === "" || STOP_WORDS.has(word)) continue;
    for (const expanded of (EXPANSIONS[word] ?? word).split(" ")) tokens.push(expanded);
  }
  return tokens;
}
