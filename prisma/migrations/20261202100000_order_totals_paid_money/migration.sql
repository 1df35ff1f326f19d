-- An order's total_cents is the money it stands for (issue 3, decision 0023): a paid order's valid
-- tickets, a pending order's reservations (the amount due), nothing for a cancelled or refunded
-- order. Imports summed every ticket until now (a paid order's cancelled ticket included), so the
-- orders already stored are recomputed once from their tickets, by their stored status; tenant by
-- tenant, since row-level security is forced on the owner too. No schema change.
DO $$
DECLARE
  t uuid;
BEGIN
  FOR t IN SELECT id FROM tenant LOOP
    PERFORM set_config('app.tenant_id', t::text, true);
    UPDATE ticket_order o SET total_cents = CASE o.status WHEN 'paid' THEN x.valid WHEN 'pending' THEN x.pending ELSE 0 END
      FROM (SELECT k.order_id,
                   coalesce(sum(k.price_cents) FILTER (WHERE k.status = 'valid'), 0)::int AS valid,
                   coalesce(sum(k.price_cents) FILTER (WHERE k.status = 'pending'), 0)::int AS pending
              FROM ticket k WHERE k.tenant_id = t GROUP BY k.order_id) x
     WHERE o.tenant_id = t AND o.id = x.order_id
       AND o.total_cents <> CASE o.status WHEN 'paid' THEN x.valid WHEN 'pending' THEN x.pending ELSE 0 END;
  END LOOP;
  PERFORM set_config('app.tenant_id', '', true);
END
$$;
