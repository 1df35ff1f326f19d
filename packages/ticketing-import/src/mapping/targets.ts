// The fields each kind of file can feed, with their labels (French first) and the header names
// real exports use for them. Synonyms are written in the folded form headers are compared in
// (see header-normalise.ts): lower case, no accents, abbreviations expanded, stop words dropped.

export const FILE_KINDS = ["tickets", "performances", "spectators"] as const;
export type FileKind = (typeof FILE_KINDS)[number];

export interface TargetField {
  label: { fr: string; en: string };
  synonyms: readonly string[];
}

const t = (fr: string, en: string, ...synonyms: string[]): TargetField => ({ label: { fr, en }, synonyms });

// Shared by the tickets and spectators files.
const contact = {
  email: t("e-mail", "e-mail", "email", "adresse email", "email acheteur", "email client", "email spectateur", "email porteur", "email beneficiaire", "buyer email", "customer email", "email address"),
  phone: t("téléphone", "phone", "telephone", "telephone portable", "portable", "mobile", "telephone acheteur", "telephone client", "phone number", "mobile phone", "cell phone"),
  firstName: t("prénom", "first name", "prenom", "prenom acheteur", "prenom client", "prenom spectateur", "first name", "firstname", "given name", "buyer first name"),
  lastName: t("nom", "last name", "nom", "nom famille", "nom acheteur", "nom client", "nom spectateur", "last name", "lastname", "surname", "family name", "buyer last name"),
  postalCode: t("code postal", "postal code", "code postal", "postal code", "zip", "zip code", "postcode", "code postal acheteur"),
  city: t("ville", "city", "ville", "commune", "localite", "city", "town"),
  country: t("pays", "country", "pays", "country", "code pays", "country code"),
} as const;

export const TARGETS = {
  tickets: {
    orderRef: t("référence de commande", "order reference", "numero commande", "reference commande", "commande", "id commande", "order id", "order number", "order reference", "order", "numero dossier"),
    ticketRef: t("référence de billet", "ticket reference", "numero billet", "reference billet", "billet", "code barre", "id billet", "ticket id", "ticket number", "barcode", "ticket reference"),
    orderDate: t("date de commande", "order date", "date commande", "date achat", "date vente", "date", "order date", "purchase date", "sale date", "date transaction"),
    performanceRef: t("référence de la représentation", "performance reference", "numero representation", "reference representation", "id representation", "code seance", "id seance", "numero seance", "performance id", "event id", "session id", "code manifestation"),
    showTitle: t("titre du spectacle", "show title", "spectacle", "titre spectacle", "titre", "manifestation", "evenement", "show", "show title", "event", "event name", "title", "production"),
    performanceStart: t("date de la représentation", "performance date", "date representation", "date seance", "date spectacle", "date evenement", "date manifestation", "performance date", "event date", "show date", "session date"),
    performanceTime: t("heure de la représentation", "performance time", "heure", "heure representation", "heure seance", "horaire", "time", "performance time", "event time", "start time"),
    venue: t("lieu", "venue", "lieu", "salle", "site", "lieu representation", "venue", "hall", "location"),
    priceCategory: t("tarif", "price category", "tarif", "categorie tarifaire", "type tarif", "categorie", "price category", "price type", "rate", "fare"),
    price: t("prix", "price", "prix", "prix ttc", "montant", "montant ttc", "prix billet", "prix paye", "price", "amount", "total", "ticket price", "price paid"),
    salesChannel: t("canal de vente", "sales channel", "canal vente", "canal", "mode vente", "point vente", "sales channel", "channel", "sales point"),
    ...contact,
    complimentary: t("exonéré", "complimentary", "exonere", "invitation", "gratuit", "billet exonere", "complimentary", "comp", "free ticket"),
    status: t("statut", "status", "statut", "etat", "statut billet", "statut commande", "status", "ticket status", "order status", "state"),
  },
  performances: {
    reference: t("référence", "reference", "reference", "numero representation", "id representation", "id seance", "code seance", "reference representation", "performance id", "event id", "id", "code"),
    showTitle: t("titre du spectacle", "show title", "spectacle", "titre spectacle", "titre", "manifestation", "show", "show title", "title", "event", "production"),
    genre: t("genre", "genre", "genre", "categorie spectacle", "discipline", "type spectacle", "style", "category"),
    producer: t("producteur", "producer", "producteur", "production", "compagnie", "tourneur", "producer", "company", "promoter"),
    venue: t("lieu", "venue", "lieu", "salle", "site", "venue", "hall", "location"),
    start: t("début", "start", "date", "date representation", "date seance", "date debut", "debut", "date heure", "start", "start date", "date time", "performance date"),
    startTime: t("heure", "time", "heure", "heure debut", "horaire", "time", "start time"),
    end: t("fin", "end", "fin", "date fin", "heure fin", "end", "end date", "end time"),
    capacity: t("jauge", "capacity", "jauge", "capacite", "nombre places", "places", "capacity", "seats"),
    blockedSeats: t("places bloquées", "blocked seats", "places bloquees", "bloquees", "places retenues", "contingent", "blocked seats", "blocked", "holds", "kills"),
    status: t("statut", "status", "statut", "etat", "status", "state"),
  },
  spectators: {
    reference: t("référence", "reference", "reference", "numero client", "id client", "reference client", "numero spectateur", "id spectateur", "id", "customer id", "customer number", "contact id"),
    ...contact,
    address: t("adresse", "address", "adresse", "adresse postale", "rue", "adresse 1", "address", "street", "street address", "address line 1"),
    birthYear: t("année de naissance", "birth year", "annee naissance", "naissance", "date naissance", "birth year", "year birth", "date birth", "birthdate"),
    language: t("langue", "language", "langue", "langue preferee", "language", "preferred language", "locale"),
    consentEmail: t("consentement e-mail", "e-mail consent", "optin email", "consentement email", "accord email", "newsletter", "email optin", "email consent", "accepts email"),
    consentSms: t("consentement SMS", "SMS consent", "optin sms", "consentement sms", "accord sms", "sms optin", "sms consent", "accepts sms"),
    consentSocialAds: t("consentement publicité réseaux sociaux", "social network advertising consent", "optin publicite", "consentement reseaux sociaux", "consentement publicite", "optin reseaux sociaux", "accord publicite", "publicite ciblee", "accord reseaux sociaux", "ads optin", "advertising consent", "social ads consent", "social media consent", "accepts ads"),
    consentPhone: t("consentement téléphone", "phone consent", "optin telephone", "consentement telephone", "accord telephone", "phone optin", "phone consent"),
    consentPost: t("consentement courrier", "postal mail consent", "optin courrier", "consentement courrier", "accord courrier", "courrier", "mail optin", "postal consent"),
  },
} as const satisfies Record<FileKind, Record<string, TargetField>>;

export type TargetOf<K extends FileKind> = keyof (typeof TARGETS)[K] & string;

export function targetNames<K extends FileKind>(kind: K): TargetOf<K>[] {
  return Object.keys(TARGETS[kind]) as TargetOf<K>[];
}

/** A field's label for messages and the mapping screen ("date de commande" / "order date"). */
export function fieldLabel(kind: FileKind, field: string, language: "fr" | "en"): string {
  const target = (TARGETS[kind] as Record<string, TargetField>)[field];
  return target ? target.label[language] : field;
}
