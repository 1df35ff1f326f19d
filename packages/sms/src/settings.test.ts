// The SMS settings form's rules for the send window: days and hours are optional (the default
// window applies), at least one day when given, "HH:MM" times, and the end after the start.
import { describe, expect, it } from "vitest";
import { ZSmsSettingsInput } from "./settings";

const base = {
  provider: "http", endpointUrl: "https://api.example/sms", messagesPerSecond: "10", pricePerSegmentCents: "8",
  optOutMention: "STOP au 36180", alsaceMoselle: false, skipHolidays: true,
};
const issuesOf = (input: Record<string, unknown>) => {
  const parsed = ZSmsSettingsInput.safeParse({ ...base, ...input });
  return parsed.success ? [] : parsed.error.issues.map((i) => String(i.path.at(-1)));
};

describe("SMS send window input", () => {
  it("takes days and hours from the form", () => {
    const parsed = ZSmsSettingsInput.parse({ ...base, weekdays: ["1", "3", "7"], startTime: "09:30", endTime: "19:00" });
    expect(parsed).toMatchObject({ weekdays: [1, 3, 7], startTime: "09:30", endTime: "19:00" });
  });

  it("leaves the default window when days and hours are absent", () => {
    expect(ZSmsSettingsInput.parse(base)).not.toHaveProperty("weekdays");
  });

  it("refuses no day, a malformed time, and an end before the start", () => {
    expect(issuesOf({ weekdays: [] })).toEqual(["weekdays"]);
    expect(issuesOf({ weekdays: ["8"] })).toContain("0");
    expect(issuesOf({ startTime: "9h" })).toEqual(["startTime"]);
    expect(issuesOf({ startTime: "20:00", endTime: "08:00" })).toEqual(["endTime"]);
    expect(issuesOf({ startTime: "08:00", endTime: "08:00" })).toEqual(["endTime"]);
  });
});
