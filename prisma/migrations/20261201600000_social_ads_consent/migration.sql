-- Advertising audiences on social networks (issue 5 §2): uploading a spectator's hashed contact
-- data to Meta or Google for targeting is its own purpose, so it needs its own consent; e-mail
-- or SMS consent no longer qualifies anyone for an audience file.

-- AlterEnum (not used in this transaction, which PostgreSQL ≥ 12 allows)
ALTER TYPE "consent_channel" ADD VALUE 'social_ads';
