"use client";
// The venue form: capacity, address and postal code (→ commune centroid) or exact coordinates.
// Errors are shown under their field; the first one gets the focus.
import { useActionState, useEffect, useRef } from "react";
import { useTranslations } from "next-intl";
import { Button, Field } from "@rappel/ui";
import { updateVenueAction } from "../venue-actions";
import type { VenueField, VenueFormState } from "../types";

export interface VenueFormProps {
  tenantSlug: string;
  venueId: string;
  initial: Record<VenueField, string>;
  performances: number;
}

export function VenueForm({ tenantSlug, venueId, initial, performances }: VenueFormProps) {
  const t = useTranslations("imports.venues.form");
  const [state, action, pending] = useActionState<VenueFormState, FormData>(updateVenueAction, { status: "idle" });
  const formRef = useRef<HTMLFormElement>(null);
  const values = state.status === "invalid" ? state.values : initial;
  const error = (field: VenueField) => (state.status === "invalid" && state.errors[field] ? t(`errors.${state.errors[field]}`) : undefined);

  useEffect(() => {
    if (state.status === "invalid") formRef.current?.querySelector<HTMLInputElement>("[aria-invalid=true]")?.focus();
  }, [state]);

  return (
    <form ref={formRef} action={action} className="flex flex-col gap-5" noValidate key={state.status === "saved" ? "saved" : "edit"}>
      <input type="hidden" name="tenantSlug" value={tenantSlug} />
      <input type="hidden" name="venueId" value={venueId} />
      <Field id="venue-capacity" name="capacity" type="number" min={0} inputMode="numeric" label={t("capacity")} hint={t("capacityHint")} defaultValue={values.capacity} error={error("capacity")} required />
      <label className="flex items-start gap-2 text-sm text-slate-900">
        <input type="checkbox" name="applyToPerformances" defaultChecked className="mt-1 size-4" />
        <span>{t("applyToPerformances", { count: performances })}</span>
      </label>
      <fieldset className="flex flex-col gap-4">
        <legend className="mb-2 text-sm font-semibold text-slate-900">{t("place")}</legend>
        <Field id="venue-address" name="address" label={t("address")} optionalLabel={t("optional")} defaultValue={values.address} error={error("address")} autoComplete="street-address" />
        <div className="grid gap-4 sm:grid-cols-[10rem_minmax(0,1fr)]">
          <Field id="venue-postal-code" name="postalCode" label={t("postalCode")} inputMode="numeric" defaultValue={values.postalCode} error={error("postalCode")} autoComplete="postal-code" />
          <Field id="venue-city" name="city" label={t("city")} optionalLabel={t("optional")} defaultValue={values.city} error={error("city")} hint={t("cityHint")} />
        </div>
        <p className="text-sm text-slate-600">{t("coordinatesHint")}</p>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="venue-latitude" name="latitude" label={t("latitude")} optionalLabel={t("optional")} inputMode="decimal" defaultValue={values.latitude} error={error("latitude")} />
          <Field id="venue-longitude" name="longitude" label={t("longitude")} optionalLabel={t("optional")} inputMode="decimal" defaultValue={values.longitude} error={error("longitude")} />
        </div>
      </fieldset>
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? t("saving") : t("save")}
        </Button>
      </div>
      {state.status === "saved" ? (
        <p role="status" className="rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm font-medium text-emerald-950">
          {t("saved", { performances: state.performancesUpdated })}{" "}
          {state.latitude !== null && state.longitude !== null
            ? t("savedPlace", { latitude: state.latitude.toFixed(4), longitude: state.longitude.toFixed(4) })
            : t("savedNoPlace")}
        </p>
      ) : null}
    </form>
  );
}
