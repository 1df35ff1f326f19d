"use client";
// The visual rule builder: AND/OR groups of rules, each rule negatable, with a live count of the
// matching spectators (debounced) and a plain form submit to save.
import { useActionState, useEffect, useId, useState } from "react";
import { useTranslations } from "next-intl";
import { Button, Field } from "@rappel/ui";
import type { TRule, TRuleGroup, TRuleType } from "@rappel/segments";
import { countSegmentAction, saveSegmentAction, type CountResult, type SaveSegmentState } from "../actions";
import type { TRuleChoices } from "../lib/segments";

type Node = TRule | TRuleGroup;
const isGroup = (n: Node): n is TRuleGroup => "rules" in n && "op" in n;

const TYPES: TRuleType[] = [
  "postal_code", "departement", "distance", "language", "age", "bought", "order_count", "total_spent",
  "first_purchase", "last_purchase", "first_timer", "attended", "consent", "holds_ticket", "engagement", "nps", "answered_survey",
];

function defaultRule(type: TRuleType, choices: TRuleChoices): TRule {
  switch (type) {
    case "postal_code": return { type, values: ["69"] };
    case "departement": return { type, values: ["69"] };
    case "distance": return { type, venueId: choices.venues[0]?.value ?? "", maxKm: 50 };
    case "language": return { type, values: ["fr"] };
    case "age": return { type, min: 18 };
    case "bought": return { type, dimension: "genre", values: [choices.genres[0]?.value ?? "theatre"] };
    case "order_count": return { type, op: "gte", value: 2 };
    case "total_spent": return { type, op: "gte", cents: 10000 };
    case "first_purchase":
    case "last_purchase": return { type, op: "after", date: `${new Date().getFullYear() - 1}-09-01` };
    case "first_timer": return { type };
    case "attended": return { type };
    case "consent": return { type, channel: "email" };
    case "holds_ticket": return { type, performanceId: choices.performances[0]?.value ?? "" };
    case "engagement": return { type, action: "opened" };
    case "nps": return { type, category: "promoter" };
    case "answered_survey": return { type };
  }
}

const inputClass = "min-h-11 rounded-md border border-slate-300 px-2 py-1 text-sm focus-visible:outline-2 focus-visible:outline-indigo-600";

function Select({ label, value, options, onChange, multiple }: {
  label: string; value: string | string[]; options: { value: string; label: string }[]; onChange: (v: string[]) => void; multiple?: boolean;
}) {
  const id = useId();
  return (
    <span className="flex flex-col gap-1 text-sm">
      <label htmlFor={id} className="font-medium text-slate-800">{label}</label>
      <select id={id} className={inputClass} multiple={multiple} value={value}
        onChange={(e) => onChange(Array.from(e.target.selectedOptions).map((o) => o.value))}>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </span>
  );
}

function Input({ label, value, type = "text", onChange }: { label: string; value: string | number | undefined; type?: string; onChange: (v: string) => void }) {
  const id = useId();
  return (
    <span className="flex flex-col gap-1 text-sm">
      <label htmlFor={id} className="font-medium text-slate-800">{label}</label>
      <input id={id} type={type} className={inputClass} value={value ?? ""} onChange={(e) => onChange(e.target.value)} />
    </span>
  );
}

function RuleFields({ rule, choices, onChange }: { rule: TRule; choices: TRuleChoices; onChange: (r: TRule) => void }) {
  const t = useTranslations("activation.segments.fields");
  const set = (patch: Record<string, unknown>) => onChange({ ...rule, ...patch } as TRule);
  const list = (v: string) => v.split(/[,\s]+/).filter(Boolean);
  const period = "from" in rule || ["bought", "order_count", "total_spent", "attended", "engagement", "nps", "answered_survey"].includes(rule.type) ? (
    <>
      <Input label={t("from")} type="date" value={(rule as { from?: string }).from} onChange={(v) => set({ from: v || undefined })} />
      <Input label={t("to")} type="date" value={(rule as { to?: string }).to} onChange={(v) => set({ to: v || undefined })} />
    </>
  ) : null;
  const compare = [{ value: "gte", label: "≥" }, { value: "lte", label: "≤" }, { value: "eq", label: "=" }];
  switch (rule.type) {
    case "postal_code":
    case "departement":
    case "language":
      return <Input label={t("values")} value={rule.values.join(", ")} onChange={(v) => set({ values: list(v) })} />;
    case "distance":
      return (<>
        <Select label={t("venue")} value={rule.venueId} options={choices.venues} onChange={([v]) => set({ venueId: v })} />
        <Input label={t("maxKm")} type="number" value={rule.maxKm} onChange={(v) => set({ maxKm: Number(v) || 1 })} />
      </>);
    case "age":
      return (<>
        <Input label={t("minAge")} type="number" value={rule.min} onChange={(v) => set({ min: v === "" ? undefined : Number(v) })} />
        <Input label={t("maxAge")} type="number" value={rule.max} onChange={(v) => set({ max: v === "" ? undefined : Number(v) })} />
      </>);
    case "bought": {
      const opts = { show: choices.shows, venue: choices.venues, genre: choices.genres, price_category: choices.priceCategories }[rule.dimension];
      return (<>
        <Select label={t("dimension")} value={rule.dimension}
          options={(["genre", "show", "venue", "price_category"] as const).map((d) => ({ value: d, label: t(`dimensions.${d}`) }))}
          onChange={([d]) => set({ dimension: d, values: [] })} />
        <Select multiple label={t("values")} value={rule.values} options={opts} onChange={(v) => set({ values: v })} />
        {period}
      </>);
    }
    case "order_count":
      return (<><Select label={t("op")} value={rule.op} options={compare} onChange={([v]) => set({ op: v })} />
        <Input label={t("count")} type="number" value={rule.value} onChange={(v) => set({ value: Number(v) || 0 })} />{period}</>);
    case "total_spent":
      return (<><Select label={t("op")} value={rule.op} options={compare} onChange={([v]) => set({ op: v })} />
        <Input label={t("euros")} type="number" value={rule.cents / 100} onChange={(v) => set({ cents: Math.round(Number(v) * 100) || 0 })} />{period}</>);
    case "first_purchase":
    case "last_purchase":
      return (<><Select label={t("op")} value={rule.op} options={[{ value: "before", label: t("before") }, { value: "after", label: t("after") }]} onChange={([v]) => set({ op: v })} />
        <Input label={t("date")} type="date" value={rule.date} onChange={(v) => set({ date: v })} /></>);
    case "attended":
      return (<><Select label={t("show")} value={rule.showId ?? ""} options={[{ value: "", label: t("any") }, ...choices.shows]} onChange={([v]) => set({ showId: v || undefined })} />{period}</>);
    case "consent":
      return <Select label={t("channel")} value={rule.channel} options={(["email", "sms", "survey", "social_ads"] as const).map((c) => ({ value: c, label: t(`channels.${c}`) }))} onChange={([v]) => set({ channel: v })} />;
    case "holds_ticket":
      return <Select label={t("performance")} value={rule.performanceId} options={choices.performances} onChange={([v]) => set({ performanceId: v })} />;
    case "engagement":
      return (<><Select label={t("action")} value={rule.action} options={[{ value: "opened", label: t("opened") }, { value: "clicked", label: t("clicked") }]} onChange={([v]) => set({ action: v })} />
        <Select label={t("campaign")} value={rule.campaignId ?? ""} options={[{ value: "", label: t("any") }, ...choices.campaigns]} onChange={([v]) => set({ campaignId: v || undefined })} />{period}</>);
    case "nps":
      return (<>
        <Select label={t("category")} value={rule.category}
          options={(["promoter", "passive", "detractor"] as const).map((c) => ({ value: c, label: t(`categories.${c}`) }))}
          onChange={([v]) => set({ category: v })} />
        <Select label={t("survey")} value={rule.surveyId ?? ""} options={[{ value: "", label: t("anySurvey") }, ...choices.surveys]} onChange={([v]) => set({ surveyId: v || undefined })} />
        <Select label={t("show")} value={rule.showId ?? ""} options={[{ value: "", label: t("any") }, ...choices.shows]} onChange={([v]) => set({ showId: v || undefined })} />
        {period}
      </>);
    case "answered_survey":
      return (<>
        <Select label={t("survey")} value={rule.surveyId ?? ""} options={[{ value: "", label: t("anySurvey") }, ...choices.surveys]} onChange={([v]) => set({ surveyId: v || undefined })} />
        {period}
      </>);
    case "first_timer":
      return null;
  }
}

function GroupEditor({ group, choices, depth, onChange, onRemove }: {
  group: TRuleGroup; choices: TRuleChoices; depth: number; onChange: (g: TRuleGroup) => void; onRemove?: () => void;
}) {
  const t = useTranslations("activation.segments");
  const [adding, setAdding] = useState<TRuleType>("bought");
  const update = (i: number, n: Node) => onChange({ ...group, rules: group.rules.map((r, j) => (j === i ? n : r)) });
  const remove = (i: number) => onChange({ ...group, rules: group.rules.filter((_, j) => j !== i) });
  return (
    <fieldset className={`rounded-lg border p-3 ${depth ? "border-indigo-200 bg-indigo-50/40" : "border-slate-200 bg-white"}`}>
      <legend className="px-1 text-sm font-semibold text-slate-900">{depth ? t("subgroup") : t("rootGroup")}</legend>
      <div className="mb-3 flex flex-wrap items-end gap-3">
        <Select label={t("combine")} value={group.op} options={[{ value: "and", label: t("and") }, { value: "or", label: t("or") }]}
          onChange={([op]) => onChange({ ...group, op: op as "and" | "or" })} />
        <label className="flex min-h-11 items-center gap-2 text-sm"><input type="checkbox" checked={Boolean(group.negate)} onChange={(e) => onChange({ ...group, negate: e.target.checked })} />{t("negateGroup")}</label>
        {onRemove ? <Button type="button" variant="ghost" onClick={onRemove}>{t("removeGroup")}</Button> : null}
      </div>
      <ol className="flex flex-col gap-3">
        {group.rules.map((node, i) => (
          <li key={i}>
            {isGroup(node) ? (
              <GroupEditor group={node} choices={choices} depth={depth + 1} onChange={(g) => update(i, g)} onRemove={() => remove(i)} />
            ) : (
              <div className="flex flex-wrap items-end gap-3 rounded-md border border-slate-200 p-3" data-rule={node.type}>
                <span className="min-w-40 text-sm font-semibold text-slate-900">{t(`types.${node.type}`)}</span>
                <RuleFields rule={node} choices={choices} onChange={(r) => update(i, r)} />
                <label className="flex min-h-11 items-center gap-2 text-sm"><input type="checkbox" checked={Boolean(node.negate)} onChange={(e) => update(i, { ...node, negate: e.target.checked })} />{t("negate")}</label>
                <Button type="button" variant="ghost" onClick={() => remove(i)} aria-label={t("removeRuleNamed", { rule: t(`types.${node.type}`) })}>{t("removeRule")}</Button>
              </div>
            )}
          </li>
        ))}
      </ol>
      <div className="mt-3 flex flex-wrap items-end gap-3">
        <Select label={t("ruleType")} value={adding} options={TYPES.map((ty) => ({ value: ty, label: t(`types.${ty}`) }))} onChange={([v]) => setAdding(v as TRuleType)} />
        <Button type="button" variant="secondary" onClick={() => onChange({ ...group, rules: [...group.rules, defaultRule(adding, choices)] })}>{t("addRule")}</Button>
        {depth < 2 ? <Button type="button" variant="secondary" onClick={() => onChange({ ...group, rules: [...group.rules, { op: "or", rules: [] }] })}>{t("addGroup")}</Button> : null}
      </div>
    </fieldset>
  );
}

export function SegmentBuilder({ tenantSlug, segment, choices }: {
  tenantSlug: string; segment: { id?: string; name: string; rules: TRuleGroup }; choices: TRuleChoices;
}) {
  const t = useTranslations("activation.segments");
  const [rules, setRules] = useState<TRuleGroup>(segment.rules);
  const [count, setCount] = useState<CountResult | null>(null);
  const [state, action, pending] = useActionState<SaveSegmentState, FormData>(saveSegmentAction, { status: "idle" });
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      countSegmentAction(tenantSlug, rules).then((r) => live && setCount(r), () => live && setCount({ status: "invalid", message: t("countFailed") }));
    }, 400);
    return () => { live = false; clearTimeout(timer); };
  }, [rules, tenantSlug, t]);
  return (
    <form action={action} className="flex flex-col gap-4">
      <input type="hidden" name="tenantSlug" value={tenantSlug} />
      {segment.id ? <input type="hidden" name="id" value={segment.id} /> : null}
      <input type="hidden" name="rules" value={JSON.stringify(rules)} />
      <Field id="segment-name" name="name" label={t("name")} defaultValue={segment.name} required maxLength={120} />
      <div role="status" aria-live="polite" className="rounded-md border border-indigo-200 bg-indigo-50 px-4 py-3 text-indigo-950" data-testid="segment-count">
        {count === null ? t("counting") : count.status === "ok" ? t("count", { count: count.count }) : <span className="text-red-800">{count.message}</span>}
      </div>
      <GroupEditor group={rules} choices={choices} depth={0} onChange={setRules} />
      {state.status === "invalid" ? <p role="alert" className="text-sm text-red-800">{state.message === "name.taken" ? t("nameTaken") : state.message}</p> : null}
      <div><Button type="submit" disabled={pending}>{t("save")}</Button></div>
    </form>
  );
}
