/** @jsxImportSource preact */
// /s/{link}: the spectator's survey page. One plain <form method="post"> per page (works without
// JavaScript), in the spectator's language, in the venue's colour. A pure view: the route handler
// (page-routes.ts) reads the invitation and decides which page to show.
import { localise } from "@rappel/survey/schema";
import type { OpenInvitation } from "./invitation";
import { PublicShell } from "./public-shell";
import { publicText, type FieldError } from "./public-text";
import { SurveyPageView } from "./survey-page-view";

export interface AnswerPageProps {
  link: string;
  state: OpenInvitation;
  pageIndex: number;
  /** The visible pages' indexes, in order. */
  visible: number[];
  errors: Map<string, FieldError>;
}

export function AnswerPage({ link, state, pageIndex, visible, errors }: AnswerPageProps) {
  const locale = state.language;
  const t = publicText(locale);
  return (
    <PublicShell venue={state.tenantName} title={localise(state.definition.title, locale)}>
      <SurveyPageView
        definition={state.definition}
        locale={locale}
        t={t}
        pageIndex={pageIndex}
        visible={visible}
        answers={state.answers}
        errors={errors}
        performances={state.performances}
        action={`/s/${link}/answer`}
      />
      <p class="sv-footer">
        <a href={`/s/${link}/preferences`}>{t("preferencesLink")}</a>
      </p>
    </PublicShell>
  );
}
