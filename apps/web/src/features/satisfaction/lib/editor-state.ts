// The visual builder's state: the same definition document the JSON view and the server action
// handle, changed only through this pure reducer (so every edit is unit-tested and the live
// preview, the validation and the saved JSON always agree). Core questions are locked: the
// reducer refuses to remove them, change their id or their type (the server checks it again).
import {
  QUESTION_BANK,
  type TCondition,
  type TLocale,
  type TLocalisedText,
  type TLogic,
  type TPage,
  type TQuestion,
  type TQuestionType,
  type TSurveyDefinition,
} from "@rappel/survey/schema";
import { defaultCondition, questionsBefore, type LogicTarget } from "./editor-conditions";

export interface EditorState {
  definition: TSurveyDefinition;
  /** Ids of the core questions of the saved version: shown locked. */
  locked: readonly string[];
}

export type QuestionRef = { page: number; question: number };
export type ChoiceList = "options" | "rows";
/** The settings a question's form can change directly (type-specific ones included). */
export type QuestionPatch = Partial<{
  required: boolean;
  scale: number;
  style: "stars" | "numbers";
  allowOther: boolean;
  multiline: boolean;
  maxLength: number;
}>;

export type EditorAction =
  | { type: "replace"; definition: TSurveyDefinition }
  | { type: "setSurveyText"; field: "title" | "intro"; locale: TLocale; value: string }
  | { type: "setColour"; colour: string }
  | { type: "setSuggestNextShows"; on: boolean }
  | { type: "addPage" }
  | { type: "removePage"; page: number }
  | { type: "movePage"; page: number; by: -1 | 1 }
  | { type: "setPageTitle"; page: number; locale: TLocale; value: string }
  | { type: "addQuestion"; page: number; questionType: TQuestionType }
  | { type: "insertFromBank"; page: number; bankId: string }
  | ({ type: "removeQuestion" } & QuestionRef)
  | ({ type: "moveQuestion"; by: -1 | 1 } & QuestionRef)
  | ({ type: "renameQuestion"; id: string } & QuestionRef)
  | ({ type: "setQuestionText"; field: "title" | "help"; locale: TLocale; value: string } & QuestionRef)
  | ({ type: "patchQuestion"; patch: QuestionPatch } & QuestionRef)
  | ({ type: "changeQuestionType"; questionType: TQuestionType } & QuestionRef)
  | ({ type: "addChoice"; list: ChoiceList } & QuestionRef)
  | ({ type: "setChoiceLabel"; list: ChoiceList; index: number; locale: TLocale; value: string } & QuestionRef)
  | ({ type: "removeChoice"; list: ChoiceList; index: number } & QuestionRef)
  | ({ type: "moveChoice"; list: ChoiceList; index: number; by: -1 | 1 } & QuestionRef)
  | { type: "toggleLogic"; target: LogicTarget; on: boolean }
  | { type: "setLogicMode"; target: LogicTarget; mode: TLogic["mode"] }
  | { type: "addCondition"; target: LogicTarget }
  | { type: "setCondition"; target: LogicTarget; index: number; condition: TCondition }
  | { type: "removeCondition"; target: LogicTarget; index: number };

const NEW_TITLES: Record<TQuestionType, TLocalisedText> = {
  nps: { fr: "Recommanderiez-vous ce spectacle à un proche ?", en: "Would you recommend this show to a friend?" },
  rating: { fr: "Comment notez-vous… ?", en: "How do you rate…?" },
  single_choice: { fr: "Choisissez une réponse", en: "Choose one answer" },
  multiple_choice: { fr: "Choisissez une ou plusieurs réponses", en: "Choose one or more answers" },
  matrix: { fr: "Notez chaque aspect", en: "Rate each aspect" },
  text: { fr: "Votre commentaire", en: "Your comment" },
  yes_no: { fr: "Oui ou non ?", en: "Yes or no?" },
};

/** `base`, or `base_2`, `base_3`… the first one not in `taken`. */
export function uniqueId(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}_${n}`)) return `${base}_${n}`;
}

const questionIds = (def: TSurveyDefinition) => def.pages.flatMap((p) => p.questions.map((q) => q.id));

function choices(list: ChoiceList, count: number) {
  const word = list === "rows" ? { id: "aspect", fr: "Aspect", en: "Aspect" } : { id: "option", fr: "Réponse", en: "Answer" };
  return Array.from({ length: count }, (_, i) => ({ id: `${word.id}_${i + 1}`, label: { fr: `${word.fr} ${i + 1}`, en: `${word.en} ${i + 1}` } }));
}

/** A new question of `type`, valid as it stands, in the survey's own module ("custom"). */
export function newQuestion(type: TQuestionType, id: string, keep?: Pick<TQuestion, "title" | "help" | "required" | "showIf" | "module">): TQuestion {
  const common = { id, title: NEW_TITLES[type], required: false, module: "custom", ...keep };
  switch (type) {
    case "nps":
    case "yes_no":
      return { ...common, type };
    case "rating":
      return { ...common, type, scale: 5, style: "stars" };
    case "single_choice":
      return { ...common, type, options: choices("options", 2) };
    case "multiple_choice":
      return { ...common, type, options: choices("options", 2), allowOther: false };
    case "matrix":
      return { ...common, type, rows: choices("rows", 2), scale: 5 };
    case "text":
      return { ...common, type, multiline: true, maxLength: 2000 };
  }
}

function setText(text: TLocalisedText | undefined, locale: TLocale, value: string): TLocalisedText {
  const next = { fr: text?.fr ?? "", ...(text?.en !== undefined ? { en: text.en } : {}), [locale]: value };
  if (next.en === "") delete next.en;
  return next;
}

/** Optional texts (help, intro, page title) disappear when both languages are empty. */
function optionalText(text: TLocalisedText): TLocalisedText | undefined {
  return text.fr === "" && !text.en ? undefined : text;
}

function mapPage(def: TSurveyDefinition, page: number, change: (p: TPage) => TPage): TSurveyDefinition {
  return { ...def, pages: def.pages.map((p, i) => (i === page ? change(p) : p)) };
}

function mapQuestion(def: TSurveyDefinition, ref: QuestionRef, change: (q: TQuestion) => TQuestion): TSurveyDefinition {
  return mapPage(def, ref.page, (p) => ({ ...p, questions: p.questions.map((q, i) => (i === ref.question ? change(q) : q)) }));
}

function move<T>(list: T[], from: number, to: number): T[] {
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item!);
  return next;
}

function withoutKey<T extends object, K extends keyof T>(value: T, key: K): Omit<T, K> {
  const copy = { ...value };
  delete copy[key];
  return copy;
}

function getLogic(def: TSurveyDefinition, target: LogicTarget): TLogic | undefined {
  const page = def.pages[target.page];
  return target.question === undefined ? page?.showIf : page?.questions[target.question]?.showIf;
}

function setLogic(def: TSurveyDefinition, target: LogicTarget, logic: TLogic | undefined): TSurveyDefinition {
  const apply = <T extends { showIf?: TLogic }>(owner: T): T => (logic ? { ...owner, showIf: logic } : (withoutKey(owner, "showIf") as T));
  if (target.question === undefined) return mapPage(def, target.page, apply);
  return mapQuestion(def, { page: target.page, question: target.question }, apply);
}

/** Moves a question one step; at the edge of a page it goes to the end / start of the next one. */
function moveQuestion(def: TSurveyDefinition, { page, question, by }: QuestionRef & { by: -1 | 1 }): TSurveyDefinition {
  const questions = def.pages[page]?.questions ?? [];
  const to = question + by;
  if (to >= 0 && to < questions.length) return mapPage(def, page, (p) => ({ ...p, questions: move(p.questions, question, to) }));
  const target = page + by;
  // A page keeps at least one question (the schema requires it).
  if (target < 0 || target >= def.pages.length || questions.length === 1) return def;
  const moving = questions[question]!;
  const pages = def.pages.map((p, i) => {
    if (i === page) return { ...p, questions: p.questions.filter((_, j) => j !== question) };
    if (i === target) return { ...p, questions: by === 1 ? [moving, ...p.questions] : [...p.questions, moving] };
    return p;
  });
  return { ...def, pages };
}

/** A new id, everywhere it is used: the question and every condition that looks at it. */
function renameQuestion(def: TSurveyDefinition, ref: QuestionRef, id: string): TSurveyDefinition {
  const old = def.pages[ref.page]?.questions[ref.question]?.id;
  if (old === undefined) return def;
  const rename = (logic: TLogic | undefined): TLogic | undefined =>
    logic && { ...logic, conditions: logic.conditions.map((c) => (c.questionId === old ? { ...c, questionId: id } : c)) };
  const renamed = mapQuestion(def, ref, (q) => ({ ...q, id }));
  return {
    ...renamed,
    pages: renamed.pages.map((p) => ({
      ...p,
      ...(p.showIf ? { showIf: rename(p.showIf) } : {}),
      questions: p.questions.map((q) => (q.showIf ? { ...q, showIf: rename(q.showIf) } : q)),
    })),
  };
}

function changeChoices(q: TQuestion, list: ChoiceList, change: (items: { id: string; label: TLocalisedText }[]) => { id: string; label: TLocalisedText }[]): TQuestion {
  if (list === "rows" && q.type === "matrix") return { ...q, rows: change(q.rows) };
  if (list === "options" && (q.type === "single_choice" || q.type === "multiple_choice")) return { ...q, options: change(q.options) };
  return q;
}

function reduceDefinition(def: TSurveyDefinition, action: EditorAction, locked: ReadonlySet<string>): TSurveyDefinition {
  const isLocked = (ref: QuestionRef) => locked.has(def.pages[ref.page]?.questions[ref.question]?.id ?? "");
  switch (action.type) {
    case "replace":
      return action.definition;
    case "setSurveyText": {
      const text = setText(def[action.field], action.locale, action.value);
      if (action.field === "title") return { ...def, title: text };
      const intro = optionalText(text);
      return intro ? { ...def, intro } : withoutKey(def, "intro");
    }
    case "setColour":
      return { ...def, branding: { ...def.branding, colour: action.colour } };
    case "setSuggestNextShows":
      return def.thankYou.suggestNextShows === action.on ? def : { ...def, thankYou: { ...def.thankYou, suggestNextShows: action.on } };
    case "addPage": {
      const pageId = uniqueId(`p_${def.pages.length + 1}`, def.pages.map((p) => p.id));
      const question = newQuestion("text", uniqueId("question", questionIds(def)));
      return { ...def, pages: [...def.pages, { id: pageId, questions: [question] }] };
    }
    case "removePage": {
      const page = def.pages[action.page];
      if (!page || def.pages.length === 1 || page.questions.some((q) => locked.has(q.id))) return def;
      return { ...def, pages: def.pages.filter((_, i) => i !== action.page) };
    }
    case "movePage": {
      const to = action.page + action.by;
      return to < 0 || to >= def.pages.length ? def : { ...def, pages: move(def.pages, action.page, to) };
    }
    case "setPageTitle":
      return mapPage(def, action.page, (p) => {
        const title = optionalText(setText(p.title, action.locale, action.value));
        return title ? { ...p, title } : withoutKey(p, "title");
      });
    case "addQuestion": {
      const question = newQuestion(action.questionType, uniqueId(action.questionType, questionIds(def)));
      return mapPage(def, action.page, (p) => ({ ...p, questions: [...p.questions, question] }));
    }
    case "insertFromBank": {
      const bank = QUESTION_BANK.find((q) => q.id === action.bankId);
      if (!bank) return def;
      const question = { ...structuredClone(bank), id: uniqueId(bank.id, questionIds(def)) };
      return mapPage(def, action.page, (p) => ({ ...p, questions: [...p.questions, question] }));
    }
    case "removeQuestion": {
      const page = def.pages[action.page];
      if (!page || isLocked(action)) return def;
      if (page.questions.length === 1) return def.pages.length === 1 ? def : { ...def, pages: def.pages.filter((_, i) => i !== action.page) };
      return mapPage(def, action.page, (p) => ({ ...p, questions: p.questions.filter((_, i) => i !== action.question) }));
    }
    case "moveQuestion":
      return moveQuestion(def, action);
    case "renameQuestion":
      return isLocked(action) ? def : renameQuestion(def, action, action.id);
    case "setQuestionText":
      return mapQuestion(def, action, (q) => {
        const text = setText(q[action.field], action.locale, action.value);
        if (action.field === "title") return { ...q, title: text };
        const help = optionalText(text);
        return help ? { ...q, help } : (withoutKey(q, "help") as TQuestion);
      });
    case "patchQuestion":
      return mapQuestion(def, action, (q) => {
        const allowed = Object.entries(action.patch).filter(([key]) => key === "required" || key in q);
        return { ...q, ...Object.fromEntries(allowed) } as TQuestion;
      });
    case "changeQuestionType":
      if (isLocked(action)) return def;
      return mapQuestion(def, action, (q) =>
        q.type === action.questionType ? q : newQuestion(action.questionType, q.id, { title: q.title, help: q.help, required: q.required, showIf: q.showIf, module: q.module }),
      );
    case "addChoice":
      return mapQuestion(def, action, (q) =>
        changeChoices(q, action.list, (items) => {
          const fresh = choices(action.list, items.length + 1).at(-1)!;
          return [...items, { ...fresh, id: uniqueId(fresh.id, items.map((o) => o.id)) }];
        }),
      );
    case "setChoiceLabel":
      return mapQuestion(def, action, (q) =>
        changeChoices(q, action.list, (items) => items.map((o, i) => (i === action.index ? { ...o, label: setText(o.label, action.locale, action.value) } : o))),
      );
    case "removeChoice":
      return mapQuestion(def, action, (q) => changeChoices(q, action.list, (items) => items.filter((_, i) => i !== action.index)));
    case "moveChoice": {
      // Only the order changes: answers are stored by choice id, so earlier responses keep their meaning.
      const q = def.pages[action.page]?.questions[action.question];
      const items = q?.type === "matrix" && action.list === "rows" ? q.rows : q && "options" in q && action.list === "options" ? q.options : [];
      const to = action.index + action.by;
      if (action.index < 0 || action.index >= items.length || to < 0 || to >= items.length) return def;
      return mapQuestion(def, action, (question) => changeChoices(question, action.list, (list) => move(list, action.index, to)));
    }
    case "toggleLogic": {
      if (!action.on) return setLogic(def, action.target, undefined);
      if (getLogic(def, action.target)) return def;
      const source = questionsBefore(def, action.target).at(-1);
      return source ? setLogic(def, action.target, { mode: "all", conditions: [defaultCondition(source)] }) : def;
    }
    case "setLogicMode": {
      const logic = getLogic(def, action.target);
      return logic ? setLogic(def, action.target, { ...logic, mode: action.mode }) : def;
    }
    case "addCondition": {
      const logic = getLogic(def, action.target);
      const source = questionsBefore(def, action.target).at(-1);
      if (!source) return def;
      const conditions = [...(logic?.conditions ?? []), defaultCondition(source)];
      return setLogic(def, action.target, { mode: logic?.mode ?? "all", conditions });
    }
    case "setCondition": {
      const logic = getLogic(def, action.target);
      if (!logic) return def;
      return setLogic(def, action.target, { ...logic, conditions: logic.conditions.map((c, i) => (i === action.index ? action.condition : c)) });
    }
    case "removeCondition": {
      const logic = getLogic(def, action.target);
      if (!logic) return def;
      const conditions = logic.conditions.filter((_, i) => i !== action.index);
      return setLogic(def, action.target, conditions.length ? { ...logic, conditions } : undefined);
    }
  }
}

export function editorReducer(state: EditorState, action: EditorAction): EditorState {
  const definition = reduceDefinition(state.definition, action, new Set(state.locked));
  return definition === state.definition ? state : { ...state, definition };
}
