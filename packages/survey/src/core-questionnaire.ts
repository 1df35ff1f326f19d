// The tenant's default core questionnaire (stable ids, comparable across seasons) and a question
// bank of ready-made questions the builder can add as optional modules.
import { parseSurveyDefinition, type TQuestion, type TSurveyDefinition } from "./definition";

const ASPECTS = [
  ["artistic", "Qualité artistique", "Artistic quality"],
  ["sound", "Son", "Sound"],
  ["sightlines", "Visibilité de la scène", "View of the stage"],
  ["comfort", "Confort du siège", "Seat comfort"],
  ["welcome", "Accueil", "Welcome"],
] as const;

export const QUESTION_BANK: readonly TQuestion[] = [
  { id: "bar", type: "rating", style: "stars", scale: 5, required: false, module: "bank", title: { fr: "Comment avez-vous trouvé le bar ?", en: "How was the bar?" } },
  { id: "toilets", type: "rating", style: "stars", scale: 5, required: false, module: "bank", title: { fr: "Propreté des toilettes", en: "Cleanliness of the toilets" } },
  { id: "interval", type: "single_choice", required: false, module: "bank", title: { fr: "La durée de l'entracte était…", en: "The interval was…" }, options: [
    { id: "too_short", label: { fr: "Trop courte", en: "Too short" } },
    { id: "right", label: { fr: "Bien", en: "About right" } },
    { id: "too_long", label: { fr: "Trop longue", en: "Too long" } },
  ] },
  { id: "heard_from", type: "multiple_choice", allowOther: true, required: false, module: "bank", title: { fr: "Comment avez-vous connu ce spectacle ?", en: "How did you hear about this show?" }, options: [
    { id: "newsletter", label: { fr: "Lettre d'information", en: "Newsletter" } },
    { id: "social", label: { fr: "Réseaux sociaux", en: "Social media" } },
    { id: "press", label: { fr: "Presse", en: "Press" } },
    { id: "friends", label: { fr: "Bouche-à-oreille", en: "Word of mouth" } },
  ] },
  { id: "come_back", type: "yes_no", required: false, module: "bank", title: { fr: "Reviendrez-vous cette saison ?", en: "Will you come back this season?" } },
];

export function createCoreDefinition(venueName = "notre salle"): TSurveyDefinition {
  return parseSurveyDefinition({
    schemaVersion: 1,
    title: { fr: "Votre avis sur le spectacle", en: "Your opinion of the show" },
    intro: { fr: `Merci d'être venu·e à ${venueName}. Deux minutes suffisent.`, en: `Thank you for coming to ${venueName}. It takes two minutes.` },
    pages: [
      {
        id: "p_overall",
        questions: [
          { id: "nps", type: "nps", required: true, title: { fr: "Recommanderiez-vous ce spectacle à un proche ?", en: "Would you recommend this show to a friend?" } },
          { id: "disappointed", type: "text", required: false, showIf: { mode: "all", conditions: [{ questionId: "nps", op: "lte", value: 6 }] }, title: { fr: "Qu'est-ce qui vous a déçu·e ?", en: "What disappointed you?" } },
        ],
      },
      {
        id: "p_details",
        title: { fr: "Votre soirée", en: "Your evening" },
        questions: [
          { id: "aspects", type: "matrix", scale: 5, required: false, title: { fr: "Notez chaque aspect (1 = mauvais, 5 = excellent)", en: "Rate each aspect (1 = poor, 5 = excellent)" }, rows: ASPECTS.map(([id, fr, en]) => ({ id, label: { fr, en } })) },
          { id: "comment", type: "text", required: false, title: { fr: "Un commentaire pour l'équipe ?", en: "Anything to tell the team?" } },
        ],
      },
    ],
    branding: { colour: "#1f3a68" },
  });
}
