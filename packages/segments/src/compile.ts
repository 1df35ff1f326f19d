// Compiles a segment's rule tree to one parameterised SQL condition on `spectator s`. Every
// value travels as a bind parameter (Prisma.sql tagged templates); nothing from the rules is
// ever concatenated into SQL text. The condition runs inside withTenant, so row-level security
// scopes every table it touches; the explicit tenant_id joins are there for the indexes.
import { Prisma } from "@rappel/db";
import { isRuleGroup, type TRule, type TRuleGroup } from "./rules";

type Sql = Prisma.Sql;
const sql = Prisma.sql;

// Dates are calendar days in Europe/Paris: "from" is inclusive at 00:00, "to" inclusive up to
// the end of that day.
function periodCondition(column: Sql, from?: string, to?: string): Sql {
  const parts: Sql[] = [];
  if (from) parts.push(sql`${column} >= (${from}::date::timestamp AT TIME ZONE 'Europe/Paris')`);
  if (to) parts.push(sql`${column} < ((${to}::date + 1)::timestamp AT TIME ZONE 'Europe/Paris')`);
  return parts.length ? sql` AND ${Prisma.join(parts, " AND ")}` : Prisma.empty;
}

function compare(op: "gte" | "lte" | "eq", left: Sql, value: number): Sql {
  if (op === "gte") return sql`${left} >= ${value}`;
  if (op === "lte") return sql`${left} <= ${value}`;
  return sql`${left} = ${value}`;
}

// Paid orders of the spectator (the buyer), optionally in a period.
const paidOrders = (period: Sql) =>
  sql`FROM ticket_order o WHERE o.tenant_id = s.tenant_id AND o.spectator_id = s.id AND o.status = 'paid'${period}`;

function compileBought(rule: Extract<TRule, { type: "bought" }>): Sql {
  const period = periodCondition(sql`o.ordered_at`, rule.from, rule.to);
  const match =
    rule.dimension === "show"
      ? sql`p.show_id = ANY(${rule.values}::uuid[])`
      : rule.dimension === "venue"
        ? sql`p.venue_id = ANY(${rule.values}::uuid[])`
        : rule.dimension === "genre"
          ? sql`sh.genre = ANY(${rule.values}::text[])`
          : sql`t.price_category = ANY(${rule.values}::text[])`;
  return sql`EXISTS (SELECT 1 FROM ticket_order o
      JOIN ticket t ON t.tenant_id = o.tenant_id AND t.order_id = o.id AND t.status = 'valid'
      JOIN performance p ON p.tenant_id = t.tenant_id AND p.id = t.performance_id
      JOIN show sh ON sh.tenant_id = p.tenant_id AND sh.id = p.show_id
     WHERE o.tenant_id = s.tenant_id AND o.spectator_id = s.id AND o.status = 'paid'${period} AND ${match})`;
}

function compileAttended(rule: Extract<TRule, { type: "attended" }>, now: Date): Sql {
  const filters: Sql[] = [sql`p.status <> 'cancelled'`, sql`p.starts_at <= ${now}`];
  if (rule.performanceId) filters.push(sql`p.id = ${rule.performanceId}::uuid`);
  if (rule.showId) filters.push(sql`p.show_id = ${rule.showId}::uuid`);
  // The ticket's holder attended; when the ticketing system gave no holder, the buyer did.
  return sql`EXISTS (SELECT 1 FROM ticket t
      JOIN ticket_order o ON o.tenant_id = t.tenant_id AND o.id = t.order_id
      JOIN performance p ON p.tenant_id = t.tenant_id AND p.id = t.performance_id
     WHERE t.tenant_id = s.tenant_id AND t.status = 'valid'
       AND COALESCE(t.holder_id, o.spectator_id) = s.id
       AND ${Prisma.join(filters, " AND ")}${periodCondition(sql`p.starts_at`, rule.from, rule.to)})`;
}

// Satisfaction answers of the spectator: the invitation names the person, the response the answer.
// "When" is when the answer was given (finished, else last saved).
const ANSWERED_AT = sql`COALESCE(r.completed_at, r.updated_at)`;
const NPS_RANGE = { detractor: [0, 6], passive: [7, 8], promoter: [9, 10] } as const;

function compileNps(rule: Extract<TRule, { type: "nps" }>): Sql {
  const survey = rule.surveyId ? sql` AND r.survey_id = ${rule.surveyId}::uuid` : Prisma.empty;
  const show = rule.showId ? sql` AND p.show_id = ${rule.showId}::uuid` : Prisma.empty;
  const [low, high] = NPS_RANGE[rule.category];
  // The latest answer decides: someone who was a detractor last year and a promoter since is a
  // promoter. COALESCE: no answer is "not in the category" (so the negation includes them).
  return sql`COALESCE((SELECT r.nps FROM survey_response r
      JOIN survey_invitation i ON i.tenant_id = r.tenant_id AND i.id = r.invitation_id
      JOIN performance p ON p.tenant_id = i.tenant_id AND p.id = i.performance_id
     WHERE r.tenant_id = s.tenant_id AND i.spectator_id = s.id AND r.nps IS NOT NULL${survey}${show}${periodCondition(ANSWERED_AT, rule.from, rule.to)}
     ORDER BY ${ANSWERED_AT} DESC, r.id DESC LIMIT 1) BETWEEN ${low} AND ${high}, FALSE)`;
}

function compileAnsweredSurvey(rule: Extract<TRule, { type: "answered_survey" }>): Sql {
  const survey = rule.surveyId ? sql` AND r.survey_id = ${rule.surveyId}::uuid` : Prisma.empty;
  return sql`EXISTS (SELECT 1 FROM survey_response r
      JOIN survey_invitation i ON i.tenant_id = r.tenant_id AND i.id = r.invitation_id
     WHERE r.tenant_id = s.tenant_id AND i.spectator_id = s.id AND r.completed_at IS NOT NULL${survey}${periodCondition(ANSWERED_AT, rule.from, rule.to)})`;
}

function compileRule(rule: TRule, now: Date): Sql {
  switch (rule.type) {
    case "postal_code":
      return sql`EXISTS (SELECT 1 FROM unnest(${rule.values}::text[]) AS v(code) WHERE s.postal_code LIKE v.code || '%')`;
    case "departement":
      return sql`EXISTS (SELECT 1 FROM geo_commune g WHERE g.code = s.commune_code AND g.departement = ANY(${rule.values}::text[]))`;
    case "distance":
      // Great-circle distance between the spectator's commune centroid and the venue.
      return sql`EXISTS (SELECT 1 FROM geo_commune g, venue ve
         WHERE g.code = s.commune_code AND ve.tenant_id = s.tenant_id AND ve.id = ${rule.venueId}::uuid
           AND ve.latitude IS NOT NULL AND ve.longitude IS NOT NULL
           AND 2 * 6371 * asin(sqrt(power(sin(radians(g.latitude - ve.latitude) / 2), 2)
               + cos(radians(ve.latitude)) * cos(radians(g.latitude))
               * power(sin(radians(g.longitude - ve.longitude) / 2), 2))) <= ${rule.maxKm}::float8)`;
    case "language":
      return sql`s.language = ANY(${rule.values}::text[])`;
    case "age": {
      const year = Number(
        new Intl.DateTimeFormat("en", { timeZone: "Europe/Paris", year: "numeric" }).format(now),
      );
      const parts: Sql[] = [sql`s.birth_year IS NOT NULL`];
      if (rule.min !== undefined) parts.push(sql`s.birth_year <= ${year - rule.min}`);
      if (rule.max !== undefined) parts.push(sql`s.birth_year >= ${year - rule.max}`);
      return sql`(${Prisma.join(parts, " AND ")})`;
    }
    case "bought":
      return compileBought(rule);
    case "order_count":
      return compare(
        rule.op,
        sql`(SELECT count(*) ${paidOrders(periodCondition(sql`o.ordered_at`, rule.from, rule.to))})`,
        rule.value,
      );
    case "total_spent":
      return compare(
        rule.op,
        sql`(SELECT COALESCE(sum(o.total_cents), 0) ${paidOrders(periodCondition(sql`o.ordered_at`, rule.from, rule.to))})`,
        rule.cents,
      );
    case "first_purchase":
    case "last_purchase": {
      const agg = rule.type === "first_purchase" ? sql`min(o.ordered_at)` : sql`max(o.ordered_at)`;
      const bound = sql`(${rule.date}::date::timestamp AT TIME ZONE 'Europe/Paris')`;
      const sub = sql`(SELECT ${agg} ${paidOrders(Prisma.empty)})`;
      return rule.op === "before" ? sql`${sub} < ${bound}` : sql`${sub} >= ${bound}`;
    }
    case "first_timer":
      return sql`(SELECT count(*) ${paidOrders(Prisma.empty)}) = 1`;
    case "attended":
      return compileAttended(rule, now);
    case "consent":
      return sql`EXISTS (SELECT 1 FROM consent c WHERE c.tenant_id = s.tenant_id AND c.spectator_id = s.id
          AND c.channel = ${rule.channel}::consent_channel AND c.status = 'granted')`;
    case "holds_ticket":
      return sql`EXISTS (SELECT 1 FROM ticket t JOIN ticket_order o ON o.tenant_id = t.tenant_id AND o.id = t.order_id
         WHERE t.tenant_id = s.tenant_id AND t.performance_id = ${rule.performanceId}::uuid AND t.status = 'valid'
           AND (t.holder_id = s.id OR o.spectator_id = s.id))`;
    case "engagement": {
      const kinds = rule.action === "opened" ? ["open", "click"] : ["click"];
      const campaign = rule.campaignId ? sql` AND e.campaign_id = ${rule.campaignId}::uuid` : Prisma.empty;
      return sql`EXISTS (SELECT 1 FROM campaign_event e WHERE e.tenant_id = s.tenant_id AND e.spectator_id = s.id
          AND e.kind = ANY(${kinds}::text[])${campaign}${periodCondition(sql`e.occurred_at`, rule.from, rule.to)})`;
    }
    case "nps":
      return compileNps(rule);
    case "answered_survey":
      return compileAnsweredSurvey(rule);
  }
}

function compileNode(node: TRule | TRuleGroup, now: Date): Sql {
  const body = isRuleGroup(node) ? compileGroup(node, now) : compileRule(node, now);
  return node.negate ? sql`NOT (${body})` : body;
}

function compileGroup(group: TRuleGroup, now: Date): Sql {
  // An empty group matches everyone (AND) — the builder's starting point — and no one (OR).
  if (group.rules.length === 0) return group.op === "and" ? sql`TRUE` : sql`FALSE`;
  const parts = group.rules.map((r) => sql`(${compileNode(r, now)})`);
  return sql`(${Prisma.join(parts, group.op === "and" ? " AND " : " OR ")})`;
}

/** The WHERE condition (on alias `s` = spectator) for a validated rule tree. */
export function compileSegmentCondition(rules: TRuleGroup, now: Date): Sql {
  return compileNode(rules, now);
}
