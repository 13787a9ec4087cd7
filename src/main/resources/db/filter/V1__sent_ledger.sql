-- The sent ledger: one row per recipient of each message this site sent, so a bounce that
-- quotes a Message-ID can be matched to mail we really sent. Times are epoch milliseconds so
-- the same schema runs on SQLite and PostgreSQL.
CREATE TABLE filter_sent_message (
  message_id VARCHAR(998) NOT NULL,
  sender VARCHAR(512) NOT NULL,
  recipient VARCHAR(512) NOT NULL,
  sent_at BIGINT NOT NULL
);
CREATE INDEX filter_sent_message_id ON filter_sent_message (message_id);
CREATE INDEX filter_sent_message_at ON filter_sent_message (sent_at);
