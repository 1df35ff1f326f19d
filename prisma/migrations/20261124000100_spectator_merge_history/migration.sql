-- Merge history for staff (issue 3): which import merged, who undid, listed newest first.
-- AlterTable
ALTER TABLE "spectator_merge" ADD COLUMN     "import_id" UUID,
ADD COLUMN     "undone_by_id" UUID;

-- CreateIndex
CREATE INDEX "spectator_merge_tenant_id_created_at_idx" ON "spectator_merge"("tenant_id", "created_at");
