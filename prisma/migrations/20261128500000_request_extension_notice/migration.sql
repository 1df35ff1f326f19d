-- Art. 12(3) GDPR: an extension of a data-subject request's deadline is notified to the person,
-- with its reasons, within the first month. The notice is an e-mail sent by the worker; its
-- state and proof of sending live on the request (claimed as 'sending' before the SMTP call so
-- a retry never writes twice).
ALTER TABLE "data_subject_request"
  ADD COLUMN "extension_notice_status" TEXT,
  ADD COLUMN "extension_notice_message_id" TEXT,
  ADD COLUMN "extension_notice_sent_at" TIMESTAMPTZ(6),
  ADD COLUMN "extension_notice_error" TEXT;

ALTER TABLE "data_subject_request" ADD CONSTRAINT "data_subject_request_extension_notice_status_check"
  CHECK ("extension_notice_status" IN ('pending', 'sending', 'sent', 'failed'));
