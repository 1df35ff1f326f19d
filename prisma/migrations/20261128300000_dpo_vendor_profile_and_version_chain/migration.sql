-- DPO records polish: a hash chain over the version tables of the platform documents (each
-- version carries the previous version's hash), a version table for the sub-processor register
-- (filled by a trigger, so no write path can forget it), and the vendor's identity as an
-- editable, versioned platform document (kind 'vendor_profile') seeded with the values the code
-- used to hard-wire. Hashes are computed by PostgreSQL (one definition, in SQL), so the
-- verification recomputes exactly what the insert computed: jsonb's text form is canonical.

-- One version's hash: the previous hash, the chain's key, the version and every stored field.
CREATE FUNCTION dpo_version_hash(p_prev text, p_key text, p_version integer, p_content jsonb, p_changes jsonb,
                                 p_actor uuid, p_note text, p_created_at timestamptz) RETURNS text
  LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
  SELECT encode(sha256(convert_to(concat_ws(E'\x1f',
    coalesce(p_prev, ''), p_key, p_version::text, p_content::text, p_changes::text,
    coalesce(p_actor::text, ''), coalesce(p_note, ''),
    to_char(p_created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')), 'UTF8')), 'hex')
$$;

-- BEFORE INSERT on a version table: links the new version to the previous one of the same key
-- (TG_ARGV[0] names the key column). Runs as the inserting role, so RLS still applies.
CREATE FUNCTION dpo_version_chain() RETURNS trigger
  LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
  key_value text := to_jsonb(NEW) ->> TG_ARGV[0];
  previous text;
BEGIN
  EXECUTE format('SELECT hash FROM %I WHERE %I::text = $1 AND version = $2', TG_TABLE_NAME, TG_ARGV[0])
    INTO previous USING key_value, NEW.version - 1;
  NEW.prev_hash := previous;
  NEW.hash := dpo_version_hash(previous, key_value, NEW.version, NEW.content, NEW.changes, NEW.actor_user_id, NEW.note, NEW.created_at);
  RETURN NEW;
END
$$;

ALTER TABLE "dpo_document_version" ADD COLUMN "prev_hash" TEXT, ADD COLUMN "hash" TEXT;
ALTER TABLE "dpo_processor_record_version" ADD COLUMN "prev_hash" TEXT, ADD COLUMN "hash" TEXT;

-- CreateTable
CREATE TABLE "dpo_subprocessor_version" (
    "subprocessor_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "content" JSONB NOT NULL,
    "changes" JSONB NOT NULL,
    "actor_user_id" UUID,
    "note" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "prev_hash" TEXT,
    "hash" TEXT,

    CONSTRAINT "dpo_subprocessor_version_pkey" PRIMARY KEY ("subprocessor_id","version")
);

-- AddForeignKey
ALTER TABLE "dpo_subprocessor_version" ADD CONSTRAINT "dpo_subprocessor_version_subprocessor_id_fkey" FOREIGN KEY ("subprocessor_id") REFERENCES "dpo_subprocessor"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Backfill the chains of the versions written before this migration, in version order. The
-- processor-register versions are under forced RLS: lift the force for the owner meanwhile.
ALTER TABLE "dpo_processor_record_version" NO FORCE ROW LEVEL SECURITY;
DO $$
DECLARE
  r record;
  previous text;
  last_key text := NULL;
BEGIN
  FOR r IN SELECT * FROM "dpo_document_version" ORDER BY document_id, version LOOP
    IF last_key IS DISTINCT FROM r.document_id::text THEN previous := NULL; last_key := r.document_id::text; END IF;
    UPDATE "dpo_document_version" SET prev_hash = previous,
      hash = dpo_version_hash(previous, r.document_id::text, r.version, r.content, r.changes, r.actor_user_id, r.note, r.created_at)
      WHERE document_id = r.document_id AND version = r.version RETURNING hash INTO previous;
  END LOOP;
  last_key := NULL;
  FOR r IN SELECT * FROM "dpo_processor_record_version" ORDER BY tenant_id, version LOOP
    IF last_key IS DISTINCT FROM r.tenant_id::text THEN previous := NULL; last_key := r.tenant_id::text; END IF;
    UPDATE "dpo_processor_record_version" SET prev_hash = previous,
      hash = dpo_version_hash(previous, r.tenant_id::text, r.version, r.content, r.changes, r.actor_user_id, r.note, r.created_at)
      WHERE tenant_id = r.tenant_id AND version = r.version RETURNING hash INTO previous;
  END LOOP;
END
$$;
ALTER TABLE "dpo_processor_record_version" FORCE ROW LEVEL SECURITY;

CREATE TRIGGER dpo_document_version_chain BEFORE INSERT ON "dpo_document_version"
  FOR EACH ROW EXECUTE FUNCTION dpo_version_chain('document_id');
CREATE TRIGGER dpo_processor_record_version_chain BEFORE INSERT ON "dpo_processor_record_version"
  FOR EACH ROW EXECUTE FUNCTION dpo_version_chain('tenant_id');
CREATE TRIGGER dpo_subprocessor_version_chain BEFORE INSERT ON "dpo_subprocessor_version"
  FOR EACH ROW EXECUTE FUNCTION dpo_version_chain('subprocessor_id');

-- Every insert or real change of a sub-processor appends a version with its field-level diff.
CREATE FUNCTION dpo_subprocessor_record_version() RETURNS trigger
  LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
  next_content jsonb := to_jsonb(NEW) - 'created_at' - 'updated_at';
  previous_content jsonb := CASE WHEN TG_OP = 'UPDATE' THEN to_jsonb(OLD) - 'created_at' - 'updated_at' END;
  diff jsonb := '[]'::jsonb;
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF next_content = previous_content THEN RETURN NULL; END IF;
    SELECT coalesce(jsonb_agg(jsonb_build_object('field', n.key, 'before', o.value, 'after', n.value) ORDER BY n.key), '[]'::jsonb)
      INTO diff FROM jsonb_each(next_content) n LEFT JOIN jsonb_each(previous_content) o ON o.key = n.key
      WHERE o.value IS DISTINCT FROM n.value;
  END IF;
  INSERT INTO "dpo_subprocessor_version" (subprocessor_id, version, content, changes, note, created_at)
  VALUES (NEW.id, coalesce((SELECT max(version) FROM "dpo_subprocessor_version" WHERE subprocessor_id = NEW.id), 0) + 1,
          next_content, diff, CASE WHEN TG_OP = 'INSERT' THEN 'created' ELSE 'updated' END, clock_timestamp());
  RETURN NULL;
END
$$;

-- The sub-processors already in the register get their first version now.
INSERT INTO "dpo_subprocessor_version" (subprocessor_id, version, content, changes, note, created_at)
SELECT id, 1, to_jsonb(s) - 'created_at' - 'updated_at', '[]'::jsonb, 'created', created_at FROM "dpo_subprocessor" s;

CREATE TRIGGER dpo_subprocessor_versioned AFTER INSERT OR UPDATE ON "dpo_subprocessor"
  FOR EACH ROW EXECUTE FUNCTION dpo_subprocessor_record_version();

-- The vendor's identity, as the code held it until now (the DPO completes SIREN and representative).
WITH doc AS (
  INSERT INTO "dpo_document" (kind, reference, title, content)
  VALUES ('vendor_profile', 'VENDOR', 'Rappel SAS', jsonb_build_object(
    'legalName', 'Rappel SAS',
    'address', '12 rue des Lumières, 69002 Lyon, France',
    'siren', '',
    'representative', '',
    'dpoContact', 'Délégué à la protection des données — dpo@rappel.demo',
    'hosting', 'Union européenne (France) — serveurs dédiés, PostgreSQL chiffré',
    'software', jsonb_build_array('Rappel (plateforme SaaS)', 'PostgreSQL', 'Redis')))
  RETURNING id, content, created_at
)
INSERT INTO "dpo_document_version" (document_id, version, content, changes, note, created_at)
SELECT id, 1, content, '[]'::jsonb, 'seeded from the former constant', created_at FROM doc;

-- Versions stay append-only: the application may read and insert, never change or delete.
GRANT SELECT, INSERT ON "dpo_subprocessor_version" TO rappel_app_access;
REVOKE ALL ON FUNCTION dpo_version_hash(text, text, integer, jsonb, jsonb, uuid, text, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION dpo_version_hash(text, text, integer, jsonb, jsonb, uuid, text, timestamptz) TO rappel_app_access;
