// The keyring read during a master key rotation: a data key opens with whichever master key
// wrapped it (current or previous, by id), and an unknown id is refused by name.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateDataKey, wrapDataKey } from "./envelope";
import { masterKeyFromEnv, masterKeyring, MissingDataKeyError, unwrapStoredDataKey } from "./tenant-keys";

const TENANT = "7d1a2c4e-0f3b-4a5c-9d8e-1f2a3b4c5d6e";

describe("master keyring", () => {
  const oldKey = randomBytes(32);
  const master = masterKeyFromEnv({ MASTER_KEY: randomBytes(32).toString("base64"), MASTER_KEY_ID: "mk2", MASTER_KEY_PREVIOUS: oldKey.toString("base64"), MASTER_KEY_PREVIOUS_ID: "mk1" });

  it("lists the current key first, then the previous one", () => {
    expect(masterKeyring(master).map((m) => m.id)).toEqual(["mk2", "mk1"]);
    expect(masterKeyring(masterKeyFromEnv({ MASTER_KEY: oldKey.toString("base64"), MASTER_KEY_ID: "mk1" })).map((m) => m.id)).toEqual(["mk1"]);
  });

  it("opens a data key wrapped by either key, and refuses an unknown master key id", () => {
    const dataKey = generateDataKey();
    expect(unwrapStoredDataKey(master, { masterKeyId: "mk1", wrappedKey: wrapDataKey(oldKey, dataKey, TENANT) }, TENANT)).toEqual(dataKey);
    expect(unwrapStoredDataKey(master, { masterKeyId: "mk2", wrappedKey: wrapDataKey(master.key, dataKey, TENANT) }, TENANT)).toEqual(dataKey);
    expect(() => unwrapStoredDataKey(master, { masterKeyId: "mk0", wrappedKey: wrapDataKey(oldKey, dataKey, TENANT) }, TENANT)).toThrow(MissingDataKeyError);
  });
});
