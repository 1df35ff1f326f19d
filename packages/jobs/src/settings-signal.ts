// "A tenant's sending settings changed": published by the web app once the change is committed,
// heard by every worker process (Redis pub/sub, not a queue: each process holds its own
// connections to rebind). A lost signal only delays the change until the workers' periodic scan.
// The channel carries the queue prefix, so environments sharing a Redis server stay apart
// (pub/sub channels ignore the database number).
import type { Redis } from "ioredis";
import { z } from "zod";

export const SETTINGS_TOPICS = ["sms"] as const;
export type TSettingsTopic = (typeof SETTINGS_TOPICS)[number];

const channelOf = (prefix: string, topic: TSettingsTopic) => `${prefix}:settings-changed:${topic}`;

export async function publishSettingsChanged(redis: Redis, prefix: string, topic: TSettingsTopic, tenantId: string): Promise<void> {
  await redis.publish(channelOf(prefix, topic), z.uuid().parse(tenantId));
}

/**
 * Calls `onChange(tenantId)` for each signal on `topic`. `subscriber` must be a connection of its
 * own (a subscribed Redis connection accepts no other command); resolves once subscribed.
 */
export async function subscribeSettingsChanged(
  subscriber: Redis, prefix: string, topic: TSettingsTopic, onChange: (tenantId: string) => void,
): Promise<void> {
  const channel = channelOf(prefix, topic);
  subscriber.on("message", (from: string, message: string) => {
    const tenantId = z.uuid().safeParse(message);
    if (from === channel && tenantId.success) onChange(tenantId.data);
  });
  await subscriber.subscribe(channel);
}
