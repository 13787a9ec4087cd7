-- The change log the publisher follows, so a publication applies the few addresses that
-- changed instead of re-reading every listing. One row per address whose published state
-- changed, tagged with the listing_version it was committed under.
CREATE TABLE listing_changes (
  version BIGINT NOT NULL,
  ip TEXT NOT NULL,
  listed INTEGER NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX listing_changes_version ON listing_changes (version);

-- A full reload reads only this index.
CREATE INDEX listings_published ON listings (active, expires_at, ip);
