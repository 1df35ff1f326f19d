-- Import speed (issue 3). See docs/decisions/0004-ignition-ticket-tables-without-tenant-fk.md.
--
-- ticket and ticket_order are partitioned by tenant: a row can only live in its tenant's
-- partition, and partitions exist only for provisioned tenants (create_tenant_partitions) and go
-- away with them (drop_tenant_partitions). Their foreign key to tenant added nothing but one
-- trigger check per inserted row (~15% of a ticket insert). The keys to orders, performances and
-- spectators stay.
ALTER TABLE "ticket_order" DROP CONSTRAINT "ticket_order_tenant_id_fkey";
ALTER TABLE "ticket" DROP CONSTRAINT "ticket_tenant_id_fkey";

-- Identity resolution looks spectators up by last name + postal code (rows without e-mail or
-- phone); without an index each batch scanned the tenant's whole spectator partition.
CREATE INDEX "spectator_tenant_id_name_postal_bidx_idx" ON "spectator"("tenant_id", "name_postal_bidx");
