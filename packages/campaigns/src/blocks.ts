// The e-mail content model: an ordered list of blocks. Validated at every boundary (editor
// actions, the worker reading a campaign), so the renderer only sees well-formed blocks.
import { z } from "zod";

const ZHttpUrl = z
  .url({ message: "must be a web address" })
  .refine((u) => /^https?:\/\//i.test(u), "must start with http:// or https://");

export const ZTextBlock = z.strictObject({ type: z.literal("text"), text: z.string().max(10_000) });
export const ZImageBlock = z.strictObject({
  type: z.literal("image"),
  src: ZHttpUrl,
  alt: z.string().max(300),
  href: ZHttpUrl.optional(),
});
export const ZButtonBlock = z.strictObject({
  type: z.literal("button"),
  label: z.string().min(1).max(100),
  href: ZHttpUrl,
});
export const ZShowCardBlock = z.strictObject({
  type: z.literal("show_card"),
  showId: z.uuid(),
  performanceId: z.uuid().optional(),
  href: ZHttpUrl.optional(),
});
export const ZFooterBlock = z.strictObject({ type: z.literal("footer"), text: z.string().max(2000) });

export const ZEmailBlock = z.discriminatedUnion("type", [ZTextBlock, ZImageBlock, ZButtonBlock, ZShowCardBlock, ZFooterBlock]);
export type TEmailBlock = z.infer<typeof ZEmailBlock>;

export const ZEmailContent = z.strictObject({ blocks: z.array(ZEmailBlock).max(50) });
export type TEmailContent = z.infer<typeof ZEmailContent>;

/** What a show card shows, resolved from the show and performance before rendering. */
export interface ShowCardData {
  title: string;
  genre?: string | null;
  venueName?: string | null;
  startsAt?: Date | null;
  href?: string;
}
