// Ids of rows an import creates are UUIDv7 (time-ordered) rather than random: consecutive rows get
// neighbouring keys, so primary-key and foreign-key indexes grow at their right edge instead of
// touching a random page per row (fewer pages dirtied, and far fewer full-page images in the WAL
// after each checkpoint). They are still unguessable enough for ids that are never secrets.
import { v7 } from "uuid";

export const newId = (): string => v7();
