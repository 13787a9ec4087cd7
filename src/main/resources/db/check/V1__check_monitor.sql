-- Backstop check/monitor history (package org.backstop.check). Portable SQL: SQLite and PostgreSQL.
-- Instants are epoch milliseconds (BIGINT) so both databases compare them the same way.

-- The last known listing state of each monitored target on each list.
CREATE TABLE check_state (
  target     VARCHAR(255) NOT NULL,
  zone       VARCHAR(255) NOT NULL,
  status     VARCHAR(16)  NOT NULL,
  codes      VARCHAR(1000) NOT NULL,
  since_ms   BIGINT       NOT NULL,
  checked_ms BIGINT       NOT NULL,
  PRIMARY KEY (target, zone)
);

-- One row per check of a target: when, and how many lists gave each answer.
CREATE TABLE check_run (
  target     VARCHAR(255) NOT NULL,
  checked_ms BIGINT       NOT NULL,
  listed     INTEGER      NOT NULL,
  clean      INTEGER      NOT NULL,
  errors     INTEGER      NOT NULL,
  refused    INTEGER      NOT NULL,
  millis     BIGINT       NOT NULL,
  PRIMARY KEY (target, checked_ms)
);

-- Every change of listing state: the history that alerts are sent for.
CREATE TABLE check_change (
  target     VARCHAR(255) NOT NULL,
  zone       VARCHAR(255) NOT NULL,
  changed_ms BIGINT       NOT NULL,
  old_status VARCHAR(16),
  new_status VARCHAR(16)  NOT NULL,
  codes      VARCHAR(1000) NOT NULL,
  meanings   VARCHAR(4000) NOT NULL,
  txt        VARCHAR(4000),
  PRIMARY KEY (target, zone, changed_ms)
);

CREATE INDEX check_change_by_time ON check_change (changed_ms);
