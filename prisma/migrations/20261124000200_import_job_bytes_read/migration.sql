-- Import progress by bytes read (ETA) and the count of rows kept with a warning (issue 3).
-- AlterTable
ALTER TABLE "import_job" ADD COLUMN     "bytes_read" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "warnings" INTEGER NOT NULL DEFAULT 0;
