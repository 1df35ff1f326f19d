import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant, type Database } from "@rappel/db";
import { getVenue, listVenues, updateVenue, VenueError } from "../index";
import { createTestTenant, importFile, openAppDatabase, tempStorageDir } from "../testing";

let db: Database;
let storageDir: string;
beforeAll(async () => {
  db = openAppDatabase();
  storageDir = await tempStorageDir();
});
afterAll(async () => {
  await db.$disconnect();
});

const FILE = [
  "N° commande;N° billet;Date de commande;Spectacle;Date de la représentation;Heure;Salle;Prix TTC;E-mail acheteur;CP",
  "O-1;T-1;01/03/2025 10:00;Hamlet;30/03/2025;20h30;Grande salle;20,00 €;a@example.fr;69003",
  "O-2;T-2;02/03/2025 10:00;Hamlet;30/03/2025;20h30;Grande salle;20,00 €;b@example.fr;75011",
].join("\n");

describe("venues", () => {
  it("sets an imported venue's capacity and place; its performances and rollups follow", async () => {
    const tenantId = await createTestTenant(db);
    await importFile(db, { tenantId, storageDir, source: FILE });
    const [venue] = await withTenant(db, tenantId, (tx) => listVenues(tx, tenantId));
    expect(venue).toMatchObject({ name: "Grande salle", capacity: 0, latitude: null, performances: 1 });

    const { venue: updated, performancesUpdated } = await withTenant(db, tenantId, (tx) =>
      updateVenue(tx, tenantId, venue!.id, { capacity: "450", address: "7 rue du Plâtre", postalCode: "69001", city: "Lyon", applyToPerformances: "on" }),
    );
    expect(performancesUpdated).toBe(1);
    expect(updated).toMatchObject({ capacity: 450, postalCode: "69001", communeCode: "69123" });
    // Lyon's centroid.
    expect(updated.latitude).toBeCloseTo(45.76, 1);
    expect(updated.longitude).toBeCloseTo(4.83, 1);
    const performance = await withTenant(db, tenantId, (tx) => tx.performance.findFirstOrThrow({ where: { tenantId } }));
    expect(performance.capacity).toBe(450);
    // The audience rollup now has distances (Lyon 3e → Lyon: a few km; Paris → Lyon: ~390 km).
    const distance = await withTenant(db, tenantId, (tx) => tx.rollupAudience.aggregate({ where: { tenantId }, _sum: { distanceKmSum: true } }));
    expect(Number(distance._sum.distanceKmSum)).toBeGreaterThan(380);
    expect(Number(distance._sum.distanceKmSum)).toBeLessThan(420);

    // Exact coordinates win over the centroid; a capacity is not pushed to performances unasked.
    const exact = await withTenant(db, tenantId, (tx) =>
      updateVenue(tx, tenantId, venue!.id, { capacity: 500, postalCode: "69001", latitude: "45,7672", longitude: "4.8345" }),
    );
    expect(exact.venue).toMatchObject({ capacity: 500, latitude: 45.7672, longitude: 4.8345 });
    expect(exact.performancesUpdated).toBe(0);
  });

  it("refuses an unknown postal code, half coordinates, and another tenant's venue", async () => {
    const tenantId = await createTestTenant(db);
    const other = await createTestTenant(db);
    const venue = await withTenant(db, tenantId, (tx) => tx.venue.create({ data: { tenantId, name: "Studio", capacity: 0 } }));
    await expect(withTenant(db, tenantId, (tx) => updateVenue(tx, tenantId, venue.id, { capacity: 10, postalCode: "00000" }))).rejects.toThrow(VenueError);
    await expect(withTenant(db, tenantId, (tx) => updateVenue(tx, tenantId, venue.id, { capacity: 10, latitude: "45" }))).rejects.toThrow(/coordinates_pair/);
    await expect(withTenant(db, tenantId, (tx) => updateVenue(tx, tenantId, venue.id, { capacity: -1 }))).rejects.toThrow();
    await expect(withTenant(db, other, (tx) => getVenue(tx, other, venue.id))).rejects.toThrow(VenueError);
    await expect(withTenant(db, other, (tx) => updateVenue(tx, other, venue.id, { capacity: 10 }))).rejects.toThrow(VenueError);
  });
});
