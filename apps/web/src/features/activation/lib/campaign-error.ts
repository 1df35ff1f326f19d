// The refusals of campaign actions, as codes the editors translate (activation.*.errors).
export class CampaignError extends Error {
  constructor(
    readonly code:
      | "not_found" | "not_draft" | "not_scheduled" | "no_segment" | "no_sender" | "invalid_content" | "sending_paused"
      | "schedule_invalid" | "schedule_nonexistent" | "schedule_past" | "no_sms_provider" | "no_test_phone"
      | "ab_not_running" | "ab_decided" | "ab_decide_too_early" | "ab_decide_too_late" | "promoted_performance_unknown" | "promoted_performance_unavailable",
    readonly status = 400,
  ) {
    super(code);
  }
}
