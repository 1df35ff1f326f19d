"use client";
// The live preview: the draft as a spectator sees it, redrawn on every keystroke, in the public
// page's own markup and stylesheet (Preact components rendered into an iframe, preview-screen.tsx),
// in French or English, on a phone or a desktop, with display logic following the answers typed.
import { useState } from "react";
import { useTranslations } from "next-intl";
import { h } from "preact";
import type { TLocale, TSurveyDefinition } from "@rappel/survey/schema";
import { publicStylesheet } from "../../public/public-styles";
import type { PublicMessages } from "../../public/public-words";
import { PreviewFrame } from "./preview-frame";
import { PreviewScreen } from "./preview-screen";

/** The public pages' wording in one language, plus the preview's own end-of-survey words. */
export interface PreviewWording {
  messages: PublicMessages;
  end: string;
  restart: string;
}

const DEVICES = { phone: { width: 375, height: 640 }, desktop: { width: 1024, height: 1000 } } as const;
type Device = keyof typeof DEVICES;

function toggleClass(on: boolean) {
  return `min-h-9 rounded-md border px-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-indigo-600 ${on ? "border-indigo-700 bg-indigo-700 text-white" : "border-slate-400 bg-white text-slate-800"}`;
}

export function LivePreview({ definition, venue, wording }: { definition: TSurveyDefinition; venue: string; wording: Record<TLocale, PreviewWording> }) {
  const t = useTranslations("satisfaction.editor");
  const [locale, setLocale] = useState<TLocale>("fr");
  const [device, setDevice] = useState<Device>("phone");
  const size = DEVICES[device];
  return (
    <section aria-labelledby="survey-preview-heading" className="flex flex-col gap-2">
      <h2 id="survey-preview-heading" className="text-lg font-semibold text-slate-900">{t("livePreview")}</h2>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <div role="group" aria-label={t("previewDevice")} className="flex gap-1">
          {(Object.keys(DEVICES) as Device[]).map((d) => (
            <button key={d} type="button" aria-pressed={device === d} className={toggleClass(device === d)} onClick={() => setDevice(d)}>
              {t(`device_${d}`, { width: DEVICES[d].width })}
            </button>
          ))}
        </div>
        <div role="group" aria-label={t("previewLanguage")} className="flex gap-1">
          {(["fr", "en"] as const).map((l) => (
            <button key={l} type="button" aria-pressed={locale === l} className={toggleClass(locale === l)} onClick={() => setLocale(l)}>
              {l === "fr" ? "Français" : "English"}
            </button>
          ))}
        </div>
      </div>
      <p className="text-xs text-slate-700">{t("previewHelp")}</p>
      {/* Remounted per device: each frame has its own document. */}
      <PreviewFrame
        key={device}
        title={t("previewFrameTitle", { device: t(`device_${device}`, { width: size.width }) })}
        width={size.width}
        height={size.height}
        lang={locale}
        css={publicStylesheet(definition.branding.colour)}
        screen={h(PreviewScreen, { definition, venue, locale, messages: wording[locale].messages, endText: wording[locale].end, restartText: wording[locale].restart })}
      />
    </section>
  );
}
